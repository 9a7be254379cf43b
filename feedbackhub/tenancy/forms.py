import logging

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.mail import EmailMultiAlternatives
from django.template import loader

from feedbackhub.mailsink import mail_for_user

from .models import Marketplace, Region, validate_time_zone

logger = logging.getLogger(__name__)


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Log in", css_class="w-100"))


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, with each reset mail marked as its user's own: the local
    mail sink shows a reset link to nobody else (Django sends one mail per
    user, so two users sharing an address still get one link each)."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(loader.render_to_string(html_email_template_name, context), "text/html")
        mail_for_user(message, user_id=context["user"].pk)
        try:
            message.send()
        except Exception:
            logger.exception("Failed to send password reset email to user %s", context["user"].pk)


class SellerAccountSettingsForm(forms.Form):
    """The account's own settings. The merchant id is not among them: it is
    bound by the Amazon connection only (services.seller_account_merchant_bind),
    so no user can claim another seller's id or learn which ids are taken."""

    name = forms.CharField(max_length=120)
    time_zone = forms.CharField(max_length=40, validators=[validate_time_zone])
    marketplaces = forms.ModelMultipleChoiceField(
        queryset=Marketplace.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, account, **kwargs):
        self.account = account
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save settings"))


class AmazonConnectionForm(forms.Form):
    """The SP-API authorisation. The refresh token is write-only: the field
    is never filled from the saved value, and empty means "keep it"."""

    region = forms.ChoiceField(choices=Region.choices)
    marketplaces = forms.ModelMultipleChoiceField(
        queryset=Marketplace.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    selling_partner_id = forms.CharField(
        label="Selling partner id",
        max_length=20,
        required=False,
        help_text="Becomes the account's merchant id once Amazon accepts the connection (Test connection).",
    )
    refresh_token = forms.CharField(
        label="Refresh token",
        required=False,
        max_length=2048,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=(
            "From authorising FeedbackHub in Seller Central (starts with Atzr|). Leave empty to keep the saved one."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_refresh_token(self):
        token = "".join(self.cleaned_data["refresh_token"].split())
        if token and not token.startswith("Atzr|"):
            raise forms.ValidationError("A Login with Amazon refresh token starts with Atzr|.")
        return token

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get("region")
        outside = [m.code for m in cleaned.get("marketplaces") or () if m.region != region]
        if region and outside:
            label = Region(region).label
            self.add_error("marketplaces", f"Not in the {label} region: {', '.join(outside)}.")
        return cleaned
