"""The sign-up form of the municipality's staff (the adviser who runs a measure): the leader's form
(``forms.SignUpForm``) with the unit to choose, any active school or kindergarten of the municipality.
The service checks the unit and the user again."""
from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from laeringslop.models import RoleAssignment, Unit, UnitKind, User

from .forms import SignUpForm
from .services.signups import SIGN_UP_KINDS


def sign_up_units(municipality):
    """The units the staff sign people up for: the municipality's active schools and kindergartens."""
    return Unit.objects.filter(municipality=municipality, active=True, kind__in=SIGN_UP_KINDS).order_by("name")


def unit_people(municipality):
    """The users with a role at one of the municipality's units, each with those roles (``unit_roles``)."""
    roles = RoleAssignment.objects.filter(unit__municipality=municipality).select_related("unit").order_by("unit__name")
    return (User.objects.filter(role_assignments__unit__municipality=municipality, is_active=True).distinct()
            .prefetch_related(Prefetch("role_assignments", queryset=roles, to_attr="unit_roles"))
            .order_by("last_name", "first_name", "username"))


class UnitTaggedSelect(forms.Select):
    """The users' list, each option naming the units the user has a role at (``data-units``), so that
    ``static/js/unit-people.js`` shows only the chosen unit's people. Without script every user is listed,
    with their units in the label, and the service refuses a user of another unit."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-units"] = " ".join(str(role.unit_id) for role in instance.unit_roles)
        return option


class StaffSignUpForm(SignUpForm):
    """A person of any of the municipality's schools and kindergartens."""

    field_order = ["unit", "user", "name", "email"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, staff=unit_people(municipality), **kwargs)
        units = list(sign_up_units(municipality))
        self.fields["unit"] = forms.ModelChoiceField(
            label=_("Unit"), queryset=sign_up_units(municipality),
            help_text=_("The school or kindergarten the participant works at."),
            error_messages={"required": _("Choose the unit the participant works at."),
                            "invalid_choice": _("Choose a school or kindergarten of the municipality.")})
        groups = [(str(label), [(u.pk, u.name) for u in units if u.kind == kind])
                  for kind, label in ((UnitKind.SCHOOL, _("Schools")), (UnitKind.KINDERGARTEN, _("Kindergartens")))]
        self.fields["unit"].choices = [("", _("Choose a unit"))] + [group for group in groups if group[1]]
        self.fields["user"].label = _("A user at the unit")
        self.fields["user"].widget = UnitTaggedSelect(choices=self.fields["user"].choices)
        self.fields["user"].label_from_instance = lambda user: "{} ({})".format(
            user.get_full_name() or user.username, ", ".join(r.unit.name for r in user.unit_roles))
        self.order_fields(self.field_order)
