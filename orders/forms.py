from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings

from feedbackhub.tenancy.models import Marketplace

from .imports.registry import report_type_get, report_types
from .imports.selectors import upload_report_type


class ImportUploadForm(forms.Form):
    file = forms.FileField(help_text="Tab-separated .txt, .csv or .json as Seller Central gives it; .gz accepted.")
    report_type = forms.ChoiceField(label="Report type", required=False)
    marketplace = forms.ModelChoiceField(
        queryset=Marketplace.objects.all(),
        required=False,
        empty_label="Detect from the file",
        help_text=(
            "Needed for the seller feedback report (its dates follow the marketplace's format); "
            "account-health figures that name no marketplace are taken to be this one's."
        ),
    )

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        self.fields["report_type"].choices = [("", "Detect from the header")] + [
            (report_type.key, report_type.label) for report_type in report_types()
        ]
        self.helper = FormHelper()
        self.helper.form_enctype = "multipart/form-data"
        self.helper.add_input(Submit("submit", "Upload and import"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(f"{upload.name} is empty.")
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is larger than {settings.IMPORT_MAX_UPLOAD_BYTES // 1024**2:,} MB."
            )
        return upload

    def clean(self):
        data = super().clean()
        upload, chosen = data.get("file"), data.get("marketplace")
        if upload is None or chosen is not None or self.account.marketplaces.count() == 1:
            return data
        report_type = report_type_get(data.get("report_type") or "") or upload_report_type(uploaded_file=upload)
        if report_type is not None and report_type.needs_marketplace:
            self.add_error(
                "marketplace",
                f"This file is a {report_type.label.lower()}, which does not say its marketplace and writes dates "
                "in that marketplace's format: choose the marketplace it covers (and the file again).",
            )
        return data
