from django import forms
from django.utils import timezone

from .eligibility import REASON_LABELS
from .models import CaseMessageKind, QueueSettings, Resolution


class CaseMessageForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(CaseMessageKind.FIRST_CONTACT, "Message"), (CaseMessageKind.REMOVAL_REQUEST, "Removal request")],
        widget=forms.HiddenInput,
    )
    subject = forms.CharField(max_length=300, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 9}))
    language = forms.CharField(max_length=5, widget=forms.HiddenInput)


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(
        choices=Resolution.choices,
        label="How the problem was solved",
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    note = forms.CharField(
        required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}), label="What was done"
    )


class AmazonFilingForm(forms.Form):
    reason = forms.ChoiceField(label="Ground", widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    amazon_case_id = forms.CharField(
        max_length=40,
        required=False,
        label="Amazon case id",
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "placeholder": "optional"}),
    )
    filed_on = forms.DateField(
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"),
    )

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
    webhook_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label=QueueSettings._meta.get_field("webhook_url").verbose_name,
        help_text=QueueSettings._meta.get_field("webhook_url").help_text,
    )

    class Meta:
        model = QueueSettings
        fields = ["include_neutral", "notify_owner_email", "webhook_url", "odr_alert_at", "negative_rate_alert_at"]
        widgets = {
            "include_neutral": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "notify_owner_email": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "odr_alert_at": forms.NumberInput(
                attrs={"class": "form-control", "step": "0.0005", "min": "0", "max": "1"}
            ),
            "negative_rate_alert_at": forms.NumberInput(
                attrs={"class": "form-control", "step": "0.005", "min": "0", "max": "1"}
            ),
        }
