from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import Marketplace, Region, SellerAccount, validate_time_zone


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Log in", css_class="w-100"))


class SellerAccountSettingsForm(forms.Form):
    name = forms.CharField(max_length=120)
    merchant_id = forms.CharField(
        label="Amazon merchant id",
        max_length=20,
        required=False,
        help_text="Seller Central → Settings → Merchant Token.",
    )
    time_zone = forms.CharField(max_length=40, validators=[validate_time_zone])
    marketplaces = forms.ModelMultipleChoiceField(
        queryset=Marketplace.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, account, **kwargs):
        self.account = account
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save settings"))

    def clean_merchant_id(self):
        merchant_id = self.cleaned_data["merchant_id"].strip() or None
        if merchant_id and SellerAccount.objects.filter(merchant_id=merchant_id).exclude(pk=self.account.pk).exists():
            raise forms.ValidationError("Another seller account already uses this merchant id.")
        return merchant_id


class AmazonConnectionForm(forms.Form):
    """The SP-API authorisation. The refresh token is write-only: the field
    is never filled from the saved value, and empty means "keep it"."""

    region = forms.ChoiceField(choices=Region.choices)
    marketplaces = forms.ModelMultipleChoiceField(
        queryset=Marketplace.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    selling_partner_id = forms.CharField(label="Selling partner id", max_length=20, required=False)
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
