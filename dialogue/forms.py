"""Forms of the yearly dialogue; every rule is checked on the server with Norwegian messages."""
from datetime import date

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from indicators.models import AppliesTo, Indicator
from laeringslop.concurrency import VersionFormMixin
from laeringslop.models import Region
from laeringslop.schoolyear import school_year_label

from .followup import held_on_errors
from .models import Dialogue, FollowUpTask, MirrorYear, Question, TaskKind
from .models.mirror import RATING_SCALE
from .selectors import SCHOOL_TYPES, advisers_of


def rating_choices():
    """The rating's choices with the scale's words (in the active language), e.g. «3 – To a large extent»."""
    return [("", _("No rating"))] + [(str(value), f"{value} – {label}") for value, label in RATING_SCALE.items()]


class MirrorYearCreateForm(forms.Form):
    school_year = forms.IntegerField(label=_("School year (the year it starts)"), min_value=2000, max_value=2100)
    copy_previous = forms.BooleanField(label=_("Start from a copy of last year's set-up"), required=False,
                                       initial=True)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_school_year(self):
        year = self.cleaned_data["school_year"]
        if MirrorYear.objects.filter(municipality=self.municipality, school_year=year).exists():
            raise forms.ValidationError(_("The Læringsspeil for this school year is already set up."))
        return year


class MirrorYearForm(VersionFormMixin, forms.ModelForm):
    class Meta:
        model = MirrorYear
        fields = ["results_expected_on", "visits_from", "visits_until", "deadline", "dialogues_from",
                  "dialogues_until", "followup_due_on", "indicators", "introduction"]
        widgets = {
            **{name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
               for name in ("results_expected_on", "visits_from", "visits_until", "deadline", "dialogues_from",
                            "dialogues_until", "followup_due_on")},
            "indicators": forms.CheckboxSelectMultiple,
            "introduction": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Udir's national catalogue and the year's municipality's own local indicators (not other municipalities'):
        # the schools' in «indicators», the kindergartens' in «kindergarten_indicators» (one M2M for both).
        offered = Indicator.objects.filter(
            Q(is_local=False) | Q(municipality_id=self.instance.municipality_id), is_shown=True,
        ).order_by("area", "sort_order", "name")
        self.fields["indicators"].queryset = offered.filter(applies_to=AppliesTo.SCHOOL)
        self.fields["indicators"].label = _("Indicators for the schools")
        self.fields["indicators"].required = True
        self.fields["indicators"].error_messages["required"] = _("Choose at least one indicator.")
        self.fields["kindergarten_indicators"] = forms.ModelMultipleChoiceField(
            queryset=offered.filter(applies_to=AppliesTo.KINDERGARTEN), required=False,
            widget=forms.CheckboxSelectMultiple, label=_("Indicators for the kindergartens"),
            help_text=_("The parent survey's themes and the municipality's local indicators for kindergartens."))
        if self.instance.pk:
            self.fields["kindergarten_indicators"].initial = [
                i.pk for i in self.instance.indicators.all() if i.applies_to == AppliesTo.KINDERGARTEN]

    def clean(self):
        cleaned = super().clean()
        if "indicators" in cleaned:  # the one M2M holds both kinds
            cleaned["indicators"] = [*cleaned["indicators"], *cleaned.get("kindergarten_indicators", [])]
        return cleaned
    # The steps' dates are checked by MirrorYear.clean (within the school year, ends after starts).


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["applies_to", "area", "text", "order", "has_rating", "expectation"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, expectations=None, expectation_list=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applies_to"].required = False  # not given: a question to the schools, as before
        field = self.fields["expectation"]
        field.queryset = expectations if expectations is not None else field.queryset.none()
        field.required = False
        field.help_text = _("The shared expectation of the quality plan the question is about: the answers are "
                            "shown under it.")
        field.error_messages["invalid_choice"] = _("Choose an expectation of the municipality's current quality "
                                                   "plan.")
        if expectation_list is not None:  # the choices from the formset's one read, not a query per row
            several = len({e.plan_id for e in expectation_list}) > 1
            field.choices = [("", _("No expectation"))] + [
                (e.pk, f"{e.plan.name}: {e.title}" if several else e.title) for e in expectation_list]

    def clean_applies_to(self):
        return self.cleaned_data.get("applies_to") or AppliesTo.SCHOOL

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 5:
            raise forms.ValidationError(_("Write the question (at least 5 characters)."))
        return text


class BaseQuestionFormSet(forms.BaseInlineFormSet):
    """The year's questions in their order; the empty rows are numbered after the last question."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last = max((q.order for q in self.get_queryset()), default=0)
        self.initial_extra = [{"order": last + 10 * (i + 1)} for i in range(self.extra)]
        from projects.expectations import expectations_for_year

        # Read once for every row (a list: each row's choices come from it, not from a query of their own).
        self.expectations = expectations_for_year(self.instance.municipality_id, self.instance.school_year)
        self._expectation_list = list(self.expectations)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "expectations": self.expectations,
                "expectation_list": self._expectation_list}


QuestionFormSet = inlineformset_factory(MirrorYear, Question, form=QuestionForm, formset=BaseQuestionFormSet,
                                        extra=2, can_delete=True)


class AssessmentForm(VersionFormMixin, forms.Form):
    """One text field (and, where asked for, a 1–4 rating) per question, plus the staff's involvement."""

    staff_meeting_date = forms.DateField(label=_("Date of the staff meeting"), required=False,
                                         widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    staff_involvement = forms.CharField(label=_("How were the staff involved?"), required=False, max_length=5000,
                                        widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, questions, answers, assessment=None, kindergarten: bool = False, **kwargs):
        self.assessment = assessment
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            answer = answers.get(q.pk)
            self.fields[f"q{q.pk}_text"] = forms.CharField(
                label=q.text, required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4}),
                initial=answer.text if answer else "")
            if q.has_rating:
                self.fields[f"q{q.pk}_rating"] = forms.TypedChoiceField(
                    label=_("Rating (1–4)"), required=False, choices=rating_choices, coerce=int, empty_value=None,
                    help_text=(_("How far it holds for the kindergarten: 1 = to a small extent, 2 = to some extent, "
                                 "3 = to a large extent, 4 = to a very large extent.") if kindergarten else
                               _("How far it holds for the school: 1 = to a small extent, 2 = to some extent, "
                                 "3 = to a large extent, 4 = to a very large extent.")),
                    initial=str(answer.rating) if answer and answer.rating else "")
        if assessment is not None:
            self.fields["staff_meeting_date"].initial = assessment.staff_meeting_date
            self.fields["staff_involvement"].initial = assessment.staff_involvement

    def versioned_object(self):
        return self.assessment

    def clean_staff_meeting_date(self):
        day = self.cleaned_data["staff_meeting_date"]
        if day and day > date.today():
            raise forms.ValidationError(_("The staff meeting cannot be in the future."))
        return day

    def answers(self) -> dict:
        return {q.pk: (self.cleaned_data.get(f"q{q.pk}_text", ""), self.cleaned_data.get(f"q{q.pk}_rating"))
                for q in self.questions}

    def text_field(self, question):
        return self[f"q{question.pk}_text"]

    def rating_field(self, question):
        return self[f"q{question.pk}_rating"] if question.has_rating else None


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Give a reason for reopening.")})


class DashboardFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("School year"), coerce=int, required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False,
                                    empty_label=_("All regions"))
    school_type = forms.ChoiceField(label=_("School type"), required=False, choices=[
        ("", _("All school types")), ("primary", _("Primary school (1–7)")),
        ("lower_secondary", _("Lower secondary school (8–10)")), ("combined", _("Combined school (1–10)"))])
    sort = forms.CharField(required=False, max_length=40)
    dir = forms.ChoiceField(required=False, choices=[("asc", "asc"), ("desc", "desc")])

    def __init__(self, *args, municipality, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(municipality=municipality).order_by("name")
        self.fields["year"].choices = [(year, school_year_label(year)) for year in years]  # newest first
        for name in ("year", "region", "school_type"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def clean_school_type(self):
        value = self.cleaned_data["school_type"]
        return value if value in SCHOOL_TYPES else ""


DATE_WIDGET = {"type": "date"}


class DialogueForm(VersionFormMixin, forms.ModelForm):
    """The dialogue as it was held; the date is checked by the same rule as the service's."""

    class Meta:
        model = Dialogue
        fields = ["held_on", "participants", "summary", "support_needs"]
        labels = {"held_on": _("Date held"), "participants": _("Who took part"),
                  "summary": _("What was agreed"), "support_needs": _("The school’s needs for support and help")}
        widgets = {
            "held_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "support_needs": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "held_on": {"required": _("Give the date the dialogue was held."),
                        "invalid": _("Write a valid date.")},
            "participants": {"required": _("Write who took part.")},
            "summary": {"required": _("Write what was agreed.")},
        }

    def __init__(self, *args, mirror_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.mirror_year = mirror_year
        self.fields["participants"].help_text = _("For example: the education director, the rector and an adviser.")

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if problems := held_on_errors(self.mirror_year, held_on):
            raise forms.ValidationError(problems)
        return held_on


class TaskForm(VersionFormMixin, forms.ModelForm):
    """A follow-up task; the responsible person is one of the municipality's advisers."""

    class Meta:
        model = FollowUpTask
        fields = ["kind", "title", "description", "responsible", "due_on"]
        labels = {"kind": _("Kind"), "title": _("Title"), "description": _("Description"),
                  "responsible": _("Adviser responsible"), "due_on": _("Due date")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "due_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")}
        error_messages = {
            "kind": {"required": _("Choose the kind of task."),
                     "invalid_choice": _("Choose the kind of task.")},
            "title": {"required": _("Give the task a title.")},
            "responsible": {"required": _("Choose the adviser responsible."),
                            "invalid_choice": _("The responsible person must be an adviser in the municipality.")},
            "due_on": {"required": _("Give a due date."), "invalid": _("Write a valid date.")},
        }

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose …")), *TaskKind.choices]
        self.fields["responsible"].queryset = advisers_of(municipality_id)
        self.fields["responsible"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["responsible"].empty_label = _("Choose …")


class TaskCompleteForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"max_length": _("The note can be at most %(limit_value)d characters.")})


class TaskCommentForm(forms.Form):
    text = forms.CharField(label=pgettext_lazy("noun", "Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Write the comment."),
                                           "max_length": _("The text can be at most %(limit_value)d characters.")})


class TaskReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why is the task reopened?"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Give the reason the task is reopened."),
                                             "max_length": _("The text can be at most %(limit_value)d characters.")})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FollowUpFilterForm(forms.Form):
    adviser = forms.ModelChoiceField(label=_("Adviser"), queryset=FollowUpTask.objects.none(), required=False,
                                     empty_label=_("All advisers"),
                                     error_messages={"invalid_choice": _("Choose an adviser from the list.")})
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             error_messages={"invalid_choice": _("Choose a kind from the list.")})

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers_of(municipality_id)
        self.fields["adviser"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["kind"].choices = [("", _("All kinds")), *TaskKind.choices]
        for name in ("adviser", "kind"):
            self.fields[name].widget.attrs["class"] = "form-select"
