"""Forms of the leader meetings. The rules are the services' (``leadership.services``); the forms read the
input, offer the municipality's people and units to invite, and carry the version the meeting was read at."""
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from laeringslop.concurrency import VersionFormMixin
from laeringslop.models import Role
from projects.forms import MultipleFileField

from .models import AttachmentKind, MeetingKind, TargetGroup
from .selectors import invitable_people, invitable_units

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

#: Invite by role: every holder of the role in the municipality.
ROLE_CHOICES = [
    (Role.RECTOR, _("All rectors")),
    (Role.KINDERGARTEN_HEAD, _("All kindergarten heads")),
    (Role.DIRECTOR, _("The education director")),
    (Role.ADVISER, _("All advisers")),
]


def _name(user) -> str:
    return user.get_full_name() or user.username


class MeetingForm(VersionFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Arena"), choices=MeetingKind.choices,
                             error_messages={"required": _("Choose the arena."),
                                             "invalid_choice": _("Choose the arena from the list.")})
    title = forms.CharField(label=_("Topic"), max_length=300,
                            error_messages={"required": _("Give the meeting's topic.")},
                            help_text=_("As in the year's plan, e.g. «Elevmedvirkning + Vurdering i LK20»."))
    day = forms.DateField(label=_("Date"), widget=DATE_WIDGET,
                          error_messages={"required": _("Give the date of the meeting."),
                                          "invalid": _("Write a valid date.")})
    start = forms.TimeField(label=_("From"), widget=TIME_WIDGET,
                            error_messages={"required": _("Give the time the meeting starts."),
                                            "invalid": _("Write a valid time, e.g. 09:00.")})
    end = forms.TimeField(label=_("To"), widget=TIME_WIDGET,
                          error_messages={"required": _("Give the time the meeting ends."),
                                          "invalid": _("Write a valid time, e.g. 12:00.")})
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices,
                                     error_messages={"required": _("Choose the target group."),
                                                     "invalid_choice": _("Choose the target group from the list.")})
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    invite_roles = forms.MultipleChoiceField(
        label=_("Invite by role"), choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone holding the role in the municipality now."),
        error_messages={"invalid_choice": _("Choose the roles from the list.")})

    def __init__(self, *args, municipality, meeting=None, **kwargs):
        self.instance = meeting
        if meeting is not None and "initial" not in kwargs:
            start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
            kwargs["initial"] = {"kind": meeting.kind, "title": meeting.title, "day": start.date(),
                                 "start": start.time(), "end": end.time(), "place": meeting.place,
                                 "target_group": meeting.target_group, "description": meeting.description,
                                 "people": list(meeting.participants.all())}
        super().__init__(*args, **kwargs)
        units = forms.ModelMultipleChoiceField(
            label=_("Invite the leaders of these units"), queryset=invitable_units(municipality), required=False,
            widget=forms.SelectMultiple(attrs={"size": 8}),
            help_text=_("The rector or kindergarten head of each unit chosen."),
            error_messages={"invalid_choice": _("Choose the units from the list."),
                            "invalid_pk_value": _("Choose the units from the list.")})
        people = forms.ModelMultipleChoiceField(
            label=_("Invite by name"), queryset=invitable_people(municipality), required=False,
            widget=forms.SelectMultiple(attrs={"size": 8}),
            help_text=_("The people invited now are chosen; hold Ctrl (Cmd) to choose several."),
            error_messages={"invalid_choice": _("Choose the participants from the list."),
                            "invalid_pk_value": _("Choose the participants from the list.")})
        people.label_from_instance = _name
        self.fields["units"] = units
        self.fields["people"] = people
        self.order_fields(["kind", "title", "day", "start", "end", "place", "target_group", "description",
                           "invite_roles", "units", "people"])

    def times(self) -> tuple[datetime, datetime]:
        day = self.cleaned_data["day"]
        return (timezone.make_aware(datetime.combine(day, self.cleaned_data["start"])),
                timezone.make_aware(datetime.combine(day, self.cleaned_data["end"])))


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=300, required=False)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    minutes = forms.IntegerField(label=pgettext_lazy("duration", "Minutes"), required=False,
                                 error_messages={"invalid": _("Write the minutes as a whole number, e.g. 30.")})

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("title") or data.get("presenter") or data.get("minutes") is not None)




def agenda_formset(data=None, meeting=None, spare: int = 3):
    """The agenda rows (the stored ones, then ``spare`` empty rows)."""
    initial = ([{"title": a.title, "presenter": a.presenter, "minutes": a.minutes}
                for a in meeting.agenda_items.order_by("position")] if meeting is not None else [])
    formset_class = forms.formset_factory(AgendaItemForm, extra=spare, max_num=40, absolute_max=40)
    return formset_class(data, initial=initial, prefix="agenda")


def agenda_rows(formset) -> list[dict]:
    return [form.cleaned_data for form in formset.forms if not form.is_blank()]


class CancelForm(VersionFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False,
                             help_text=_("Shown with the meeting in the plan, e.g. «Avlyst på grunn av smittevern»."))

    def __init__(self, *args, meeting, **kwargs):
        self.instance = meeting
        super().__init__(*args, **kwargs)


class AttachForm(forms.Form):
    kind = forms.ChoiceField(label=_("The files are"), choices=AttachmentKind.choices, widget=forms.RadioSelect,
                             initial=AttachmentKind.MATERIAL,
                             error_messages={"required": _("Choose whether the files are material or minutes."),
                                             "invalid_choice": _("Choose whether the files are material or minutes.")})
    files = MultipleFileField(label=_("Files"))
