"""Forms of the school visits. The rules are the services' (``dialogue.visits``); the forms read the input
and carry the version the visit was read at."""
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laeringslop.concurrency import VersionFormMixin

from .selectors.visits import participant_choices

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class _VisitForm(VersionFormMixin, forms.Form):
    """A form about one visit (``visit``; None for a visit not planned yet)."""

    def __init__(self, *args, visit=None, **kwargs):
        self.instance = visit
        super().__init__(*args, **kwargs)


def _participants_field(municipality_id, school):
    field = forms.ModelMultipleChoiceField(
        label=_("Participants"), queryset=participant_choices(municipality_id, school), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The education director, advisers and the school's leaders."),
        error_messages={"invalid_choice": _("Choose the participants from the list."),
                        "invalid_pk_value": _("Choose the participants from the list.")})
    field.label_from_instance = lambda user: user.get_full_name() or user.username
    return field


class VisitTimeForm(_VisitForm):
    day = forms.DateField(label=_("Date"), widget=DATE_WIDGET,
                          error_messages={"required": _("Give the date of the visit."),
                                          "invalid": _("Write a valid date.")})
    start = forms.TimeField(label=_("From"), widget=TIME_WIDGET,
                            error_messages={"required": _("Give the time the visit starts."),
                                            "invalid": _("Write a valid time, e.g. 09:00.")})
    end = forms.TimeField(label=_("To"), widget=TIME_WIDGET,
                          error_messages={"required": _("Give the time the visit ends."),
                                          "invalid": _("Write a valid time, e.g. 11:30.")})
    place = forms.CharField(label=_("Place"), max_length=200, required=False,
                            help_text=_("E.g. the school's meeting room."))

    def __init__(self, *args, visit=None, **kwargs):
        if visit is not None and "initial" not in kwargs:
            start, end = timezone.localtime(visit.starts_at), timezone.localtime(visit.ends_at)
            kwargs["initial"] = {"day": start.date(), "start": start.time(), "end": end.time(), "place": visit.place}
        super().__init__(*args, visit=visit, **kwargs)

    def times(self) -> tuple[datetime, datetime]:
        day = self.cleaned_data["day"]
        return (timezone.make_aware(datetime.combine(day, self.cleaned_data["start"])),
                timezone.make_aware(datetime.combine(day, self.cleaned_data["end"])))


class VisitPreparationForm(_VisitForm):
    other_participants = forms.CharField(label=_("Other participants"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}),
                                         help_text=_("People without a user here, e.g. the assistant principal."))
    topics = forms.CharField(label=_("Prepared topics"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
                             help_text=_("One topic per line: the focus areas and last year's follow-up are "
                                         "suggested."))

    def __init__(self, *args, municipality_id, school, visit=None, **kwargs):
        if visit is not None and "initial" not in kwargs:
            kwargs["initial"] = {"participants": list(visit.participants.all()),
                                 "other_participants": visit.other_participants, "topics": visit.topics}
        super().__init__(*args, visit=visit, **kwargs)
        self.fields = {"participants": _participants_field(municipality_id, school), **self.fields}


class VisitPlanForm(VisitTimeForm):
    """A new visit: its time and place, who takes part and the topics prepared."""

    other_participants = VisitPreparationForm.base_fields["other_participants"]
    topics = VisitPreparationForm.base_fields["topics"]
    field_order = ["day", "start", "end", "place", "participants", "other_participants", "topics"]

    def __init__(self, *args, municipality_id, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"] = _participants_field(municipality_id, school)
        self.order_fields(self.field_order)


class VisitNotesForm(_VisitForm):
    notes = forms.CharField(label=_("Internal notes"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                            help_text=_("The school owner's own notes; the school does not see them."))
    agreed_notes = forms.CharField(
        label=_("Agreed summary"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shared with the school: the rector reads it once it is marked agreed. Changing it "
                    "afterwards withdraws the agreement until it is marked again."))
    support_input = forms.CharField(
        label=_("Taken into the support decisions"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the advisers take with them when help, support and guidance are decided."))

    def __init__(self, *args, visit=None, **kwargs):
        if visit is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(visit, name) for name in ("notes", "agreed_notes", "support_input")}
        super().__init__(*args, visit=visit, **kwargs)


class VisitAgreeForm(_VisitForm):
    """Only the version: marking the summary agreed refers to the summary the user read."""
