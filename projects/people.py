"""Choosing a person of the municipality (a milestone's responsible person, a group member).

Only users who hold a role in the plan's municipality can be chosen (the tenant); each is shown by
full name with role and unit («Kari Berg — rektor, Almeåsen skole», so two people with one name are
told apart), and the members of the plan's groups come first. The choice is a plain ``<select>``
with one ``<optgroup>`` per part (works without script, by keyboard and with a screen reader);
``static/js/person-search.js`` adds a search box that narrows its options.
"""
from django import forms
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laeringslop.models import RoleAssignment, User


def municipality_people(municipality_id):
    """Active users with a role in the municipality, each with those roles (``local_roles``). Two queries."""
    roles = RoleAssignment.objects.filter(municipality_id=municipality_id).select_related("unit").order_by(
        "role", "unit__name")
    return (User.objects.filter(role_assignments__municipality_id=municipality_id, is_active=True).distinct()
            .prefetch_related(Prefetch("role_assignments", queryset=roles, to_attr="local_roles"))
            .order_by("last_name", "first_name", "username"))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def person_roles(user) -> str:
    """«rektor, Almeåsen skole» from the user's ``local_roles`` (several separated by «;»; "" without)."""
    parts = []
    for role in getattr(user, "local_roles", None) or ():
        text = _lower_first(str(role.get_role_display()))
        parts.append(f"{text}, {role.unit.name}" if role.unit_id else text)
    return "; ".join(parts)


def person_label(user) -> str:
    """«Kari Berg — rektor, Almeåsen skole» (several roles separated by «;»)."""
    name = user.get_full_name() or user.username
    roles = person_roles(user)
    return f"{name} — {roles}" if roles else name


def plan_member_ids(plan) -> set[int]:
    """Users with a membership, active today, in one of the plan's groups. One query."""
    from .models import GroupMembership

    today = timezone.localdate()
    return set(GroupMembership.objects.filter(group__plan=plan, user__isnull=False, start_date__lte=today)
               .filter(Q(end_date__isnull=True) | Q(end_date__gte=today)).values_list("user_id", flat=True))


class PersonSelect(forms.Select):
    """A select the person search enhances (``data-person-search``; its words come from here, translated)."""

    class Media:
        js = ["js/person-search.js"]

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs={
            "data-person-search": "", "data-search-label": _("Search for a person (name, role or unit)"),
            "data-search-count": _("Matches: {n}"), "data-search-none": _("No one matches"), **(attrs or {}),
        }, choices=choices)


class PersonChoiceField(forms.ModelChoiceField):
    """A person of the municipality; the server refuses anyone else, whatever the browser sends."""

    widget = PersonSelect

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", User.objects.none())
        super().__init__(*args, **kwargs)
        self.error_messages["invalid_choice"] = _(
            "Choose a person who works in the municipality: the person chosen is not one of its users.")

    def for_plan(self, plan) -> None:
        """Limit the choice to the plan's municipality and list the plan's group members first."""
        people = list(municipality_people(plan.municipality_id))
        self.queryset = municipality_people(plan.municipality_id)
        members = plan_member_ids(plan) if plan.pk else set()
        first = [(u.pk, person_label(u)) for u in people if u.pk in members]
        rest = [(u.pk, person_label(u)) for u in people if u.pk not in members]
        blank = [("", self.empty_label or "---------")]
        if first:
            self.choices = blank + [(str(_("Members of the plan's groups")), first),
                                    (str(_("Others in the municipality")), rest)]
        else:
            self.choices = blank + rest
