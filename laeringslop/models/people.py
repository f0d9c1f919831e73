"""People and the roles they hold in the municipality."""
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organisation import County, Municipality, Unit, UnitKind


class User(AbstractUser):
    """A person who logs in. What they may do comes from their role assignments."""

    #: The language of the e-mails and notices sent to them; set when they switch language.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    DIRECTOR = "director", _("Education director")
    ADVISER = "adviser", _("Adviser")
    RECTOR = "rector", _("Rector")
    KINDERGARTEN_HEAD = "kindergarten_head", _("Kindergarten head")
    ADMINISTRATOR = "administrator", _("Administrator")


#: Roles held for one unit; the others are held for the whole municipality.
UNIT_ROLES = {Role.RECTOR: UnitKind.SCHOOL, Role.KINDERGARTEN_HEAD: UnitKind.KINDERGARTEN}


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("municipality"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("unit"),
        help_text=_("Required for rectors and kindergarten heads; empty for other roles."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user__last_name", "user__first_name", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=list(UNIT_ROLES), unit__isnull=False)
                    | (~Q(role__in=list(UNIT_ROLES)) & Q(unit__isnull=True))
                ),
                name="role_unit_only_for_unit_roles",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(unit__isnull=True),
                name="role_unique_municipal",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                condition=Q(unit__isnull=False),
                name="role_unique_per_unit",
            ),
        ]

    def __str__(self):
        if self.unit_id:
            return f"{self.user} – {self.get_role_display()} ({self.unit})"
        return f"{self.user} – {self.get_role_display()}"

    def clean(self):
        expected_kind = UNIT_ROLES.get(self.role)
        if expected_kind is None:
            if self.unit_id:
                raise ValidationError({"unit": _("This role is held for the whole municipality, not for a unit.")})
            return
        if not self.unit_id:
            raise ValidationError({"unit": _("This role must be bound to a unit.")})
        if self.unit.kind != expected_kind:
            raise ValidationError(
                {"unit": _("A %(role)s must be bound to a %(kind)s.") % {
                    "role": self.get_role_display().lower(),
                    "kind": UnitKind(expected_kind).label.lower(),
                }}
            )
        if self.municipality_id and self.unit.municipality_id != self.municipality_id:
            raise ValidationError({"unit": _("The unit belongs to another municipality.")})


class CountyAssignment(models.Model):
    """The county role («Statsforvalter», regional coordinator): bound to a county, not to a
    municipality. Such a user sees the county's network and its municipality-level figures, never a
    school's self-assessment, dialogue or tasks."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="county_assignments",
                             verbose_name=_("user"))
    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="assignments",
                               verbose_name=_("county"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("county role")
        verbose_name_plural = _("county roles")
        ordering = ["county", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "county"], name="county_assignment_once",
                                    violation_error_message=_("The user already has the county role there.")),
        ]

    def __str__(self):
        return f"{self.user} – {self.county}"
