from django import forms

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
