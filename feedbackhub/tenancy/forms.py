from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import Marketplace, SellerAccount, validate_time_zone


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
