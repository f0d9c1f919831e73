from django import forms
from django.utils.translation import gettext_lazy as _

from .models import UnitKind
from .selectors import regions_visible_to


class DateInput(forms.DateInput):
    """A date field as the browser's date picker, its value written as it expects (ISO 8601)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """A time of day as the browser's time picker (hours and minutes)."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *UnitKind.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Region"), required=False, queryset=None, empty_label=_("All regions")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_visible_to(user)


class UnitsImportForm(forms.Form):
    """The file of the municipality's schools; a superuser may name the municipality (and so create it)."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("Udir's Statistikkbanken download (CSV as downloaded, or XLSX), e.g. the national tests."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    municipality_number = forms.CharField(
        label=_("Municipality number"), max_length=4, min_length=4,
        help_text=_("The 4-digit kommunenummer; a municipality not in the portal is created."),
    )

    def __init__(self, *args, superuser: bool, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not superuser:
            del self.fields["municipality_number"]
        elif municipality is not None:
            self.fields["municipality_number"].initial = municipality.number

    def clean_file(self):
        from indicators.forms import ImportUploadForm

        return ImportUploadForm.clean_file(self)
