"""Forms for the county's pages; every rule is checked on the server (the services check again)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from laeringslop.concurrency import VersionFormMixin
from laeringslop.forms import DateInput, TimeInput
from laeringslop.models import County, Municipality
from laeringslop.validators import validate_municipality_number, validate_single_line

from .models import CountyRegion, Network, NetworkEvent


class EventForm(VersionFormMixin, forms.ModelForm):
    class Meta:
        model = NetworkEvent
        fields = ["kind", "title", "date", "time", "place", "description"]
        widgets = {"date": DateInput(), "time": TimeInput(), "description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"time": _("Leave empty for a milestone or an event that lasts all day.")}


class ComparisonForm(forms.Form):
    """The indicator (the national catalogue) and its grade, from the query string."""

    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none(), required=False,
                                       empty_label=None)
    grade = forms.TypedChoiceField(label=_("Grade"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, grades=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(is_local=False, is_shown=True)
        self.set_grades(grades)

    def set_grades(self, grades):
        self.fields["grade"].choices = [(g, _("All grades") if g == 0 else _("Grade %(grade)s") % {"grade": g})
                                        for g in grades]


class RegionForm(forms.Form):
    name = forms.CharField(label=_("New region"), max_length=100, validators=[validate_single_line])


class MunicipalityForm(forms.Form):
    number = forms.CharField(label=_("Municipality number"), max_length=4, min_length=4,
                             validators=[validate_municipality_number],
                             help_text=_("The 4-digit kommunenummer, e.g. 3312."))
    name = forms.CharField(label=_("Name"), max_length=100, validators=[validate_single_line])
    county = forms.ModelChoiceField(label=_("County"), queryset=County.objects.order_by("name"), required=False,
                                    empty_label=_("– a new county (below) –"))
    county_number = forms.CharField(label=_("New county: number"), max_length=2, required=False,
                                    help_text=_("The 2-digit fylkesnummer, e.g. 33."))
    county_name = forms.CharField(label=_("New county: name"), max_length=100, required=False,
                                  validators=[validate_single_line])
    network = forms.ModelChoiceField(label=_("Join the county's network"), required=False,
                                     queryset=Network.objects.none(), empty_label=_("– none –"))
    region = forms.ModelChoiceField(label=_("Region in the network"), required=False,
                                    queryset=CountyRegion.objects.none(), empty_label=_("– none –"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = Network.objects.select_related("county").order_by("county__name", "name")
        self.fields["network"].label_from_instance = lambda n: f"{n.name} ({n.county.name})"
        self.fields["region"].queryset = CountyRegion.objects.select_related("county").order_by("county__name",
                                                                                                  "name")
        self.fields["region"].label_from_instance = lambda r: f"{r.name} ({r.county.name})"

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if Municipality.objects.filter(number=number).exists():
            raise forms.ValidationError(_("There is a municipality with number %(number)s already."),
                                        params={"number": number}, code="number_taken")
        return number

    def clean(self):
        data = super().clean()
        county, network, region = data.get("county"), data.get("network"), data.get("region")
        if county is None:
            number, name = data.get("county_number", "").strip(), data.get("county_name", "").strip()
            if not number or not name:
                self.add_error("county", _("Choose a county, or give the new county's number and name."))
            elif len(number) != 2 or not number.isdigit():
                self.add_error("county_number", _("A county number has two digits."))
            elif County.objects.filter(number=number).exists():
                self.add_error("county_number", _("There is a county with number %(number)s already: choose it.")
                               % {"number": number})
        if region is not None and network is None:
            self.add_error("network", _("Choose the network the region is for."))
        if network is not None and (county is None or network.county_id != county.pk):
            self.add_error("network", _("The network belongs to another county."))
        if region is not None and (county is None or region.county_id != county.pk):
            self.add_error("region", _("The region belongs to another county."))
        return data
