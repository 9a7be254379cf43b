from django import forms

from .models import Mailbox
from .selectors import reply_templates


class ReplyForm(forms.Form):
    """A reply: free text, or a buyer-reply template's text edited."""

    template = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8, "class": "form-control"}), strip=False)

    def __init__(self, *args, account, language="", **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = {template.pk: template for template in reply_templates(account=account, language=language)}
        self.fields["template"].choices = [("", "Free text"), *[(pk, str(t)) for pk, t in self.templates.items()]]

    def chosen_template(self):
        return self.templates.get(self.cleaned_data.get("template"))


class MailboxForm(forms.ModelForm):
    """The mailbox Amazon relays buyer mail to. The password is never shown
    again: left empty, the stored one is kept."""

    password = forms.CharField(
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text="Stored encrypted. Leave empty to keep the saved one.",
    )

    class Meta:
        model = Mailbox
        fields = [
            "enabled",
            "host",
            "port",
            "security",
            "username",
            "password",
            "folder",
            "inbound_address",
            "hold_requests_while_unanswered",
            "auto_confirm_opt_outs",
        ]
        labels = {
            "enabled": "Read this mailbox every few minutes",
            "host": "IMAP server",
            "username": "User name",
            "inbound_address": "Inbound webhook address",
            "hold_requests_while_unanswered": "Hold scheduled feedback requests while a buyer message is unanswered",
            "auto_confirm_opt_outs": "Put buyers who ask for no more messages on the do-not-solicit list at once",
        }
        help_texts = {
            "host": "e.g. imap.gmail.com: the mailbox registered in Seller Central for buyer messages.",
            "folder": "The folder Amazon's relay mail lands in.",
            "inbound_address": "Only with a mail provider that posts inbound mail to FeedbackHub "
            "(Mailgun, Postmark, SendGrid, … posting to /anymail/mailgun/inbound/ and the like): "
            "the address it receives at.",
            "auto_confirm_opt_outs": "Otherwise each one waits for your click in the inbox.",
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("enabled") and not (cleaned.get("host") and cleaned.get("username")):
            raise forms.ValidationError("Fill in the IMAP server and user name to read the mailbox.")
        if cleaned.get("enabled") and not (cleaned.get("password") or (self.instance.pk and self.instance.password)):
            self.add_error("password", "A password is needed to read the mailbox.")
        return cleaned

    def clean_inbound_address(self):
        address = (self.cleaned_data.get("inbound_address") or "").strip().lower()
        taken = Mailbox.objects.filter(inbound_address=address).exclude(pk=self.instance.pk)
        if address and taken.exists():
            raise forms.ValidationError("This address already receives another seller account's mail.")
        return address
