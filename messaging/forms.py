from django import forms

from feedbackhub.tenancy.models import Marketplace

from .models import Language, TemplateKind


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
