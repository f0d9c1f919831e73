"""The upload form: checked on the server (size, type) before a job is created."""
import os

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import ImportFormat

ALLOWED_EXTENSIONS = {".csv", ".txt", ".xlsx", ".json"}


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (semicolon-separated, UTF-8 or Windows-1252), XLSX (first sheet) or JSON (the pupil "
                    "survey's export API), as downloaded from Udir."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.json"}),
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False,
        choices=[("", _("Detect from the column headings"))] + list(ImportFormat.choices),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file (store nothing)"), required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB."),
                params={"size": round(upload.size / 1048576, 1), "limit": round(limit / 1048576, 1)},
                code="too_large",
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        extension = os.path.splitext(upload.name)[1].lower()
        if extension not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("Choose a CSV, XLSX or JSON file (the file name ends in .csv, .xlsx or .json)."), code="type"
            )
        return upload
