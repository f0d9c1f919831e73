"""The form of a municipality's local indicator (e.g. a reading screening)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from laeringslop.concurrency import VersionFormMixin

from .models import AppliesTo, Area, Indicator


class LocalIndicatorForm(VersionFormMixin, forms.ModelForm):
    grades_text = forms.CharField(label=_("Grades"), required=False, max_length=40,
                                  help_text=_("Comma-separated, e.g. 2, 3. Empty when not tied to grades."))

    class Meta:
        model = Indicator
        fields = ["code", "name", "name_en", "applies_to", "area", "unit_label", "unit_label_en", "scale_min",
                  "scale_max", "direction", "sort_order", "is_shown", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = Area.choices
        self.fields["applies_to"].required = False  # not given: an indicator for the schools, as before
        if self.instance.pk:
            self.fields["grades_text"].initial = ", ".join(str(g) for g in self.instance.grades or [])

    def clean_code(self):
        # Codes are unique across the portal (national and every municipality's local ones): an
        # indicator's code names it in the import files.
        code = self.cleaned_data["code"]
        if Indicator.objects.filter(code=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already an indicator with the code «%(code)s».")
                                        % {"code": code})
        return code

    def clean_applies_to(self):
        return self.cleaned_data.get("applies_to") or AppliesTo.SCHOOL

    def clean_grades_text(self):
        raw = self.cleaned_data["grades_text"]
        grades = []
        for part in raw.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or not 1 <= int(part) <= 10:
                raise forms.ValidationError(_("Grades are whole numbers from 1 to 10, separated by commas."))
            grades.append(int(part))
        return sorted(set(grades))

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None and low >= high:
            self.add_error("scale_max", _("The scale maximum must be larger than the minimum."))
        if cleaned.get("applies_to") == AppliesTo.KINDERGARTEN and cleaned.get("grades_text"):
            self.add_error("grades_text", _("A kindergarten indicator has no grades: leave «Grades» empty."))
        return cleaned

    def save(self, commit=True):
        indicator = super().save(commit=False)
        indicator.grades = self.cleaned_data.get("grades_text", [])
        if commit:
            indicator.save()
        return indicator
