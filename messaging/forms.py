from django import forms

from feedbackhub.rules import REQUEST_WINDOW_CLOSES_DAYS, REQUEST_WINDOW_OPENS_DAYS
from feedbackhub.tenancy.models import Marketplace
from orders.models import validate_amazon_order_id

from .models import (
    Campaign,
    CampaignVariant,
    DoNotSolicitReason,
    Language,
    MessageTemplate,
    SendingSettings,
    TemplateKind,
)


class MessageTemplateForm(forms.Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=TemplateKind.choices)
    language = forms.ChoiceField(choices=Language.choices)
    marketplaces = forms.ModelMultipleChoiceField(
        queryset=Marketplace.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty to use it in every marketplace.",
    )
    subject = forms.CharField(max_length=200, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marketplaces"].queryset = account.marketplaces.all()


WEEKDAY_CHOICES = [(1, "Mon"), (2, "Tue"), (3, "Wed"), (4, "Thu"), (5, "Fri"), (6, "Sat"), (7, "Sun")]
HOUR_CHOICES = [(hour, f"{hour:02d}:00") for hour in range(25)]


class CodeListField(forms.CharField):
    """SKUs or ASINs typed one per line or separated by commas."""

    def __init__(self, *, max_item_length, **kwargs):
        self.max_item_length = max_item_length
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        items = [item.strip() for item in (value or "").replace(",", "\n").splitlines()]
        items = list(dict.fromkeys(item for item in items if item))
        too_long = [item for item in items if len(item) > self.max_item_length]
        if too_long:
            raise forms.ValidationError(
                f"{too_long[0]!r} is longer than {self.max_item_length} characters (one code per line)."
            )
        return items


class CampaignForm(forms.ModelForm):
    send_weekdays = forms.TypedMultipleChoiceField(
        choices=WEEKDAY_CHOICES, coerce=int, widget=forms.CheckboxSelectMultiple, label="Send on"
    )
    send_start_hour = forms.TypedChoiceField(choices=HOUR_CHOICES[:-1], coerce=int, label="From")
    send_end_hour = forms.TypedChoiceField(choices=HOUR_CHOICES[1:], coerce=int, label="Until")
    sku_include = CodeListField(max_item_length=64, label="Only orders with these SKUs")
    sku_exclude = CodeListField(max_item_length=64, label="Never orders with these SKUs")
    asin_include = CodeListField(max_item_length=10, label="Only orders with these ASINs")
    asin_exclude = CodeListField(max_item_length=10, label="Never orders with these ASINs")

    class Meta:
        model = Campaign
        fields = [
            "name",
            "channel",
            "priority",
            "marketplaces",
            "trigger_event",
            "trigger_days",
            "latest_day",
            "send_weekdays",
            "send_start_hour",
            "send_end_hour",
            "fulfillment",
            "buyers",
            "min_order_total",
            "sku_include",
            "sku_exclude",
            "asin_include",
            "asin_exclude",
            "exclude_returned",
            "exclude_negative_feedback",
            "exclude_open_claim",
            "exclude_open_message",
            "exclude_late_shipped",
        ]
        widgets = {"marketplaces": forms.CheckboxSelectMultiple}
        labels = {"trigger_days": "Days after", "trigger_event": "Send after the", "latest_day": "Latest day"}

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        self.fields["marketplaces"].queryset = account.marketplaces.all()
        self.fields["latest_day"].help_text = (
            f"Days after delivery; never beyond {REQUEST_WINDOW_CLOSES_DAYS}. Request a Review also opens only "
            f"{REQUEST_WINDOW_OPENS_DAYS} days after delivery."
        )

    def clean_name(self):
        name = self.cleaned_data["name"]
        clash = Campaign.objects.for_account(self.account).filter(name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Another campaign of this account has that name.")
        return name

    def clean(self):
        data = super().clean()
        start, end = data.get("send_start_hour"), data.get("send_end_hour")
        if start is not None and end is not None and start >= end:
            self.add_error("send_end_hour", "The send window must end after it starts.")
        return data


class VariantForm(forms.ModelForm):
    class Meta:
        model = CampaignVariant
        fields = ["label", "template", "weight"]
        widgets = {
            "label": forms.TextInput(attrs={"class": "form-control form-control-sm", "placeholder": "A"}),
            "template": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "weight": forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 1, "max": 100}),
        }

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = MessageTemplate.objects.for_account(account).filter(
            kind=TemplateKind.FEEDBACK_REQUEST
        )
        self.fields["weight"].help_text = "Share of orders, relative to the other variants."


VariantFormSet = forms.inlineformset_factory(
    Campaign, CampaignVariant, form=VariantForm, extra=1, max_num=4, can_delete=True
)


class SendingSettingsForm(forms.ModelForm):
    class Meta:
        model = SendingSettings
        fields = ["paused", "from_email", "test_email", "daily_cap", "auto_blacklist_low_ratings"]


class DoNotSolicitForm(forms.Form):
    amazon_order_id = forms.CharField(
        label="Amazon order id",
        max_length=19,
        validators=[validate_amazon_order_id],
        help_text="e.g. 112-1234567-1234567",
    )
    whole_buyer = forms.BooleanField(label="Also every other order of this buyer", required=False)
    reason = forms.ChoiceField(choices=DoNotSolicitReason.choices)
    note = forms.CharField(max_length=200, required=False)
