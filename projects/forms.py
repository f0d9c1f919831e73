"""Forms for the governance pages. The models' ``clean()`` carries the shared rules; these
forms limit choices to the plan at hand and check uploads."""
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from laeringslop.concurrency import VersionFormMixin

from . import uploads
from .models import (
    ActionPlanDraft,
    DraftComment,
    Expectation,
    Goal,
    GroupMembership,
    Input,
    Mandate,
    Measure,
    Phase,
    ProjectGroup,
    QualityPlan,
    ReportItem,
    SignOfQuality,
    StatusReport,
)
from .people import PersonChoiceField

MAX_FILES = 10


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more documents or images (see ``uploads.ALLOWED``), each no larger than ``settings.MAX_UPLOAD_SIZE``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(uploads.ALLOWED)}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", lazy(uploads.help_text, str)())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = [single(d, initial) for d in data] if isinstance(data, (list, tuple)) else (
            [single(data, initial)] if data else [])
        files = [f for f in files if f]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(n)s files at a time.") % {"n": MAX_FILES})
        errors = []
        for upload in files:
            try:
                uploads.check_upload(upload)
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return files


class ScopedModelForm(forms.ModelForm):
    """A model form whose instance already carries its owner (plan, group, municipality).

    Django leaves fields that are not on the form out of the uniqueness and constraint checks,
    so "two phases with number 1 in one plan" would only be found when saving. Listing the owner
    in ``scope_fields`` brings those checks into ``is_valid()``. A duplicate is reported on
    ``duplicate_field`` with ``duplicate_message``, filled in with the values entered
    (``%(number)s``, ``%(name)s``, ...); the constraints' violation_error_code is "duplicate".
    """

    scope_fields: tuple[str, ...] = ()
    duplicate_field: str | None = None
    duplicate_message = None

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        return {name for name in exclude if name not in self.scope_fields}

    def _post_clean(self):
        super()._post_clean()
        field = self.duplicate_field
        if not field or NON_FIELD_ERRORS not in self._errors:
            return
        errors = self._errors[NON_FIELD_ERRORS].as_data()
        duplicates = [e for e in errors if e.code == "duplicate"]
        if not duplicates:
            return
        rest = [e for e in errors if e.code != "duplicate"]
        if rest:
            self._errors[NON_FIELD_ERRORS] = self.error_class(rest, error_class="nonfield", renderer=self.renderer)
        else:
            del self._errors[NON_FIELD_ERRORS]
        values = _Values({name: _display(value) for name, value in self.cleaned_data.items()})
        message = self.duplicate_message % values if self.duplicate_message else duplicates[0]
        self.add_error(field if field in self.fields else None, forms.ValidationError(message, code="duplicate"))


class _Values(dict):
    def __missing__(self, key):  # a value that did not validate: leave it out rather than fail
        return ""


def _display(value):
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else value


class PlanForm(VersionFormMixin, ScopedModelForm):
    scope_fields = ("municipality",)
    duplicate_field = "name"
    duplicate_message = _("The municipality already has a quality plan called «%(name)s».")

    class Meta:
        model = QualityPlan
        fields = ["name", "start_year", "end_year", "vision", "focus_areas"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 3}), "focus_areas": forms.Textarea(attrs={"rows": 4})}


class PlanSearchForm(forms.Form):
    """The plan list's search: part of the name, and whether archived plans are included."""

    q = forms.CharField(label=_("Search by name"), required=False, max_length=150, strip=True)
    arkiverte = forms.BooleanField(label=_("Show archived"), required=False)


class GoalForm(VersionFormMixin, ScopedModelForm):
    scope_fields = ("plan",)
    duplicate_field = "title"
    duplicate_message = _("The plan already has a goal called «%(title)s».")

    class Meta:
        model = Goal
        fields = ["title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ExpectationForm(VersionFormMixin, ScopedModelForm):
    """The expectation and its signs of quality, one per line in their order (saved as ``SignOfQuality`` rows)."""

    scope_fields = ("plan",)
    duplicate_field = "title"
    duplicate_message = _("The plan already has a shared expectation called «%(title)s».")
    signs = forms.CharField(
        label=_("Signs of quality"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("How it looks when the expectation is met: one sign of quality per line, in the order "
                    "they are shown."))

    class Meta:
        model = Expectation
        fields = ["title", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["signs"].initial = "\n".join(self.instance.sign_list)

    def clean_signs(self) -> list[str]:
        return clean_sign_lines(self.cleaned_data.get("signs", ""))


MAX_SIGNS = 30
SIGN_MAX_LENGTH = SignOfQuality._meta.get_field("text").max_length


def clean_sign_lines(text: str) -> list[str]:
    """The signs of quality in ``text``, one a line (empty lines and bullets left out), or a
    ``ValidationError`` naming each line that is too long or repeats an earlier one."""
    signs, errors, seen = [], [], {}
    numbered = [(number, line.strip(" •-*\t")) for number, line in enumerate((text or "").splitlines(), start=1)]
    for number, line in numbered:
        if not line:
            continue
        if len(line) > SIGN_MAX_LENGTH:
            errors.append(forms.ValidationError(
                _("Line %(line)s is longer than %(max)s characters (it has %(length)s): «%(start)s…»."),
                code="too_long", params={"line": number, "max": SIGN_MAX_LENGTH, "length": len(line),
                                         "start": line[:40]}))
        elif line.casefold() in seen:
            errors.append(forms.ValidationError(
                _("Line %(line)s repeats line %(first)s: «%(text)s»."), code="duplicate",
                params={"line": number, "first": seen[line.casefold()], "text": line}))
        else:
            seen[line.casefold()] = number
            signs.append(line)
    if len(signs) > MAX_SIGNS:
        errors.append(forms.ValidationError(_("Write at most %(max)s signs of quality (there are %(count)s)."),
                                            code="too_many", params={"max": MAX_SIGNS, "count": len(signs)}))
    if errors:
        raise forms.ValidationError(errors)
    return signs


class PhaseForm(VersionFormMixin, ScopedModelForm):
    scope_fields = ("plan",)
    duplicate_field = "number"
    duplicate_message = _("The plan already has a phase with number %(number)s.")

    class Meta:
        model = Phase
        fields = ["number", "name", "start_date", "end_date", "description"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class GroupForm(VersionFormMixin, ScopedModelForm):
    scope_fields = ("plan",)
    duplicate_field = "name"
    duplicate_message = _("The plan already has a group called «%(name)s».")

    class Meta:
        model = ProjectGroup
        fields = ["name", "kind", "stage", "parent", "start_date", "end_date", "description"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = ProjectGroup.objects.filter(plan_id=self.instance.plan_id).in_display_order()
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = qs


class MembershipForm(VersionFormMixin, ScopedModelForm):
    scope_fields = ("group",)
    duplicate_field = "start_date"
    duplicate_message = _("%(user)s is already a member of this group from %(start_date)s. "
                          "Change that membership instead, or choose another start date.")

    class Meta:
        model = GroupMembership
        fields = ["user", "person_name", "person_email", "organisation", "role", "category",
                  "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        field_classes = {"user": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].for_plan(self.instance.group.plan)
        self.fields["user"].help_text = _("Choose a portal user, or leave empty and write an outside person's name.")


class MandateForm(VersionFormMixin, ScopedModelForm):
    scope_fields = ("group",)
    duplicate_field = "phase"
    duplicate_message = _("The group already has a mandate for the phase «%(phase)s». Change that mandate instead.")

    class Meta:
        model = Mandate
        fields = ["phase", "title", "text", "status", "adopted_on"]
        widgets = {"adopted_on": DateInput(), "text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Phases of every plan of the municipality can be chosen so that a wrong choice is
        # answered with a clear message (the model's rule) rather than a generic one.
        plan = self.instance.group.plan
        self.fields["phase"].queryset = (Phase.objects.filter(plan__municipality_id=plan.municipality_id)
                                         .select_related("plan").order_by("plan__name", "number"))
        self.fields["phase"].label_from_instance = lambda p: f"{p.plan.name}: {p}"


class InputForm(forms.ModelForm):
    attachments = MultipleFileField(label=_("Attachments"))

    class Meta:
        model = Input
        fields = ["group", "unit", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, groups, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["group"].choices = _groups_by_plan(groups)
        self.fields["group"].error_messages["invalid_choice"] = _("You cannot send input to that group.")
        self.fields["unit"].queryset = units
        self.fields["unit"].error_messages["invalid_choice"] = _("You can only send input for a unit you lead.")
        if units.count() == 1:
            self.fields["unit"].initial = units.first()


def _groups_by_plan(groups):
    """Choices for a group: just the group names, under one heading (optgroup) per plan if there are several."""
    by_plan = {}
    for group in groups:
        by_plan.setdefault(group.plan, []).append((group.pk, group.name))
    blank = [("", "---------")]
    if len(by_plan) == 1:
        return blank + next(iter(by_plan.values()))
    return blank + [(plan.name, options) for plan, options in by_plan.items()]


class InputProcessForm(forms.Form):
    draft = forms.ModelChoiceField(queryset=ActionPlanDraft.objects.none(), required=False,
                                   label=_("Went into draft"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draft"].queryset = plan.drafts.order_by("number")
        self.fields["draft"].label_from_instance = lambda d: str(d)


class DraftForm(forms.ModelForm):
    class Meta:
        model = ActionPlanDraft
        fields = ["title", "text", "status"]
        widgets = {"text": forms.Textarea(attrs={"rows": 16})}


class DraftCommentForm(forms.ModelForm):
    class Meta:
        model = DraftComment
        fields = ["group", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class DraftCompareForm(forms.Form):
    old = forms.ModelChoiceField(queryset=ActionPlanDraft.objects.none(), label=_("Compare"))
    new = forms.ModelChoiceField(queryset=ActionPlanDraft.objects.none(), label=_("with"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("old", "new"):
            self.fields[name].queryset = plan.drafts.order_by("number")
            self.fields[name].label_from_instance = lambda d: str(d.label)

    def clean(self):
        data = super().clean()
        if data.get("old") and data.get("new") and data["old"] == data["new"]:
            raise forms.ValidationError(_("Choose two different drafts."))
        return data


class ReportForm(VersionFormMixin, forms.ModelForm):
    attachments = MultipleFileField(label=_("Attachments"))

    class Meta:
        model = StatusReport
        fields = ["group", "as_of", "description", "organisation_notes", "challenges", "comments"]
        widgets = {"as_of": DateInput(), **{name: forms.Textarea(attrs={"rows": 4}) for name in
                   ("description", "organisation_notes", "challenges", "comments")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ProjectGroup.objects.filter(plan_id=self.instance.plan_id).in_display_order()


ReportItemFormSet = inlineformset_factory(
    StatusReport, ReportItem, fields=["goal", "measures", "status"], extra=2, can_delete=True,
    widgets={"measures": forms.Textarea(attrs={"rows": 3}), "status": forms.Textarea(attrs={"rows": 3})},
)


def visible_indicators(municipality_id):
    """Indicators a municipality's measures may name: Udir's national catalogue and its own local ones."""
    from indicators.models import Indicator

    return (Indicator.objects.filter(Q(is_local=False) | Q(municipality_id=municipality_id), is_shown=True)
            .order_by("area", "sort_order", "name"))


def municipality_schools(municipality_id):
    from laeringslop.models import Unit

    return Unit.objects.schools().active().filter(municipality_id=municipality_id).order_by("name")


class MeasureForm(VersionFormMixin, ScopedModelForm):
    """A measure (tiltak) of the plan: the choices are the plan's groups and expectations, the
    municipality's people (the plan's group members first), its schools and the indicators it may see
    (the service checks them again). The responsible is a person; the text is for a team, or someone
    without a user (and keeps the names from before the person field that matched no single user)."""

    scope_fields = ("plan",)
    duplicate_field = "title"
    duplicate_message = _("The plan already has a measure called «%(title)s».")

    class Meta:
        model = Measure
        fields = ["title", "description", "responsible_person", "responsible", "group", "expectation", "starts_on",
                  "ends_on", "all_schools", "schools", "indicators"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "starts_on": DateInput(),
                   "ends_on": DateInput(), "schools": forms.CheckboxSelectMultiple,
                   "indicators": forms.CheckboxSelectMultiple}
        field_classes = {"responsible_person": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance.plan
        self.fields["responsible_person"].for_plan(plan)
        self.fields["responsible_person"].help_text = _("Shown with the person's role and unit.")
        self.fields["group"].queryset = ProjectGroup.objects.filter(plan=plan).in_display_order()
        self.fields["expectation"].queryset = plan.expectations.all()
        self.fields["schools"].queryset = municipality_schools(plan.municipality_id)
        self.fields["indicators"].queryset = visible_indicators(plan.municipality_id)
        self.fields["indicators"].help_text = _("The Læringsspeil shows the measure beside these indicators, with "
                                                "the trend since it started.")
        self.fields["schools"].error_messages["invalid_choice"] = _(
            "«%(value)s» is not a school of the municipality.")
        self.fields["indicators"].error_messages["invalid_choice"] = _(
            "«%(value)s» is not an indicator the municipality can use.")
        self.fields["starts_on"].error_messages["required"] = _("Give the date the measure starts.")

    def clean(self):
        data = super().clean()
        if not data.get("all_schools") and not data.get("schools"):
            self.add_error("schools", forms.ValidationError(
                _("Choose the schools the measure concerns, or tick «All schools»."), code="no_schools"))
        return data
