from django import forms
from django.utils import timezone

from .models import CaseMessageKind, QueueSettings, Resolution

REASON_LABELS = {
    "obscene": "Obscene or profane language",
    "personal_info": "Personal information (email, phone, full name)",
    "product_review": "Entirely a product review",
    "fba_fulfillment": "Entirely about FBA fulfilment or delivery (strike-through)",
    "buy_shipping_late": "Late delivery of an order shipped on time with Buy Shipping (strike-through)",
    "promotional": "Promotional content",
}


class CaseMessageForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(CaseMessageKind.FIRST_CONTACT, "Message"), (CaseMessageKind.REMOVAL_REQUEST, "Removal request")],
        widget=forms.HiddenInput,
    )
    subject = forms.CharField(max_length=300, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 9}))
    language = forms.CharField(max_length=5, widget=forms.HiddenInput)


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(choices=Resolution.choices, label="How the problem was solved")
    note = forms.CharField(
        required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}), label="What was done"
    )


class AmazonFilingForm(forms.Form):
    reason = forms.ChoiceField(label="Ground")
    amazon_case_id = forms.CharField(max_length=40, required=False, label="Amazon case id")
    filed_on = forms.DateField(initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, reasons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [(reason, REASON_LABELS.get(reason, reason)) for reason in reasons]


class TransitionForm(forms.Form):
    to_state = forms.CharField(max_length=20)
    note = forms.CharField(max_length=500, required=False)


class PublicResponseForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Public response")


class BulkAssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody")

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = workers


class QueueSettingsForm(forms.ModelForm):
    class Meta:
        model = QueueSettings
        fields = ["include_neutral", "notify_owner_email", "webhook_url"]
