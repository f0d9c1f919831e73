"""Forms of the competence pages; every rule is checked on the server (the services check again)."""
from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from laeringslop.concurrency import VersionFormMixin
from laeringslop.forms import DateInput, TimeInput
from laeringslop.validators import validate_single_line

from .models import CompetenceMeasure, CompetenceSurvey, CompetenceTopic, MeasureSession


class MeasureForm(VersionFormMixin, forms.ModelForm):
    class Meta:
        model = CompetenceMeasure
        fields = ["title", "kind", "purpose", "target_group", "places", "starts_on", "ends_on", "partner",
                  "expectations", "municipality_wide", "topics", "indicators"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(),
                   "purpose": forms.Textarea(attrs={"rows": 3}), "expectations": forms.Textarea(attrs={"rows": 3}),
                   "topics": forms.CheckboxSelectMultiple, "indicators": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, municipality, **kwargs):
        from .services.measures import available_indicators

        super().__init__(*args, **kwargs)
        self.fields["places"].validators.append(
            MinValueValidator(1, message=_("The number of places must be at least 1.")))
        self.fields["places"].widget.attrs["min"] = 1
        self.fields["topics"].queryset = CompetenceTopic.objects.filter(municipality=municipality)
        self.fields["indicators"].queryset = available_indicators(municipality).order_by("sort_order", "name")


class SessionForm(forms.ModelForm):
    class Meta:
        model = MeasureSession
        fields = ["date", "starts_at", "ends_at", "place", "group"]
        widgets = {"date": DateInput(), "starts_at": TimeInput(), "ends_at": TimeInput()}


class SignUpForm(forms.Form):
    """A person of the leader's unit: one of its users, or a name and an e-mail address."""

    user = forms.ModelChoiceField(label=_("A user at the unit"), queryset=None, required=False,
                                  empty_label=_("— someone else (write the name and address) —"))
    name = forms.CharField(label=_("Name"), max_length=150, required=False, validators=[validate_single_line])
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff

    def clean(self):
        data = super().clean()
        if data.get("user") is None:
            if not data.get("name"):
                self.add_error("name", _("Write the participant's name (or choose a user)."))
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Write the participant's e-mail address."))
        return data


class SurveyForm(forms.ModelForm):
    class Meta:
        model = CompetenceSurvey
        fields = ["title", "conducted_on", "description"]
        widgets = {"conducted_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"),
                           help_text=_("The format is described on this page and in the sample file."))
