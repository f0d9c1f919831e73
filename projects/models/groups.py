"""The steering group, the project groups under it, and their members."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned

from .plans import QualityPlan


class GroupKind(models.TextChoices):
    FORUM = "forum", _("Forum")
    STEERING = "steering", _("Steering group")
    PROJECT = "project", _("Project group")
    EXPERT = "expert", _("Expert group")


class Stage(models.TextChoices):
    """The stage of the learning pathway a group covers."""

    ALL = "all", _("The whole learning pathway")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    PRIMARY = "primary", _("Primary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")


#: Groups are listed forum, steering group, project groups, expert groups (then by name), so the
#: steering group comes before the groups that report to it.
KIND_ORDER = [GroupKind.FORUM, GroupKind.STEERING, GroupKind.PROJECT, GroupKind.EXPERT]


class ProjectGroupQuerySet(models.QuerySet):
    def in_display_order(self, *first):
        """Ordered by ``first`` (e.g. the plan's name), then kind (forum, steering, ...), then name."""
        rank = Case(*[When(kind=kind, then=Value(i)) for i, kind in enumerate(KIND_ORDER)],
                    default=Value(len(KIND_ORDER)))
        return self.order_by(*first, rank, "name", "id")


class ProjectGroup(Versioned):
    plan = models.ForeignKey(QualityPlan, on_delete=models.CASCADE, related_name="groups", verbose_name=_("plan"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("reports to"),
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices, default=GroupKind.PROJECT)
    stage = models.CharField(_("stage of the learning pathway"), max_length=20, choices=Stage.choices,
                             default=Stage.ALL)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ProjectGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["plan", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "name"], name="group_unique_name", violation_error_code="duplicate",
                violation_error_message=_("The plan already has a group with this name."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="group_not_own_parent",
                violation_error_message=_("A group cannot report to itself."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="group_dates_in_order",
                violation_error_message=_("The end date cannot come before the start date."),
            ),
        ]

    def __str__(self):
        return self.name

    def ancestors(self):
        seen, node = [], self.parent
        while node is not None and node not in seen:
            seen.append(node)
            node = node.parent
        return seen

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot come before the start date.")
        if self.parent_id:
            if self.plan_id and self.parent.plan_id != self.plan_id:
                errors["parent"] = _("The group it reports to belongs to another plan.")
            elif self.pk and (self.parent_id == self.pk or any(a.pk == self.pk for a in self.parent.ancestors())):
                errors["parent"] = _("A group cannot report to itself or to a group under it.")
        if errors:
            raise ValidationError(errors)


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class MemberCategory(models.TextChoices):
    POLITICIAN = "politician", _("Politician")
    ADMINISTRATION = "administration", _("Administration")
    UNION = "union", _("Union representative")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    OTHER = "other", _("Other")


class GroupMembership(Versioned):
    """A portal user or an outside person in a group, for a period."""

    group = models.ForeignKey(ProjectGroup, on_delete=models.CASCADE, related_name="memberships",
                              verbose_name=_("group"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="group_memberships", verbose_name=_("portal user"))
    person_name = models.CharField(_("name (outside person)"), max_length=150, blank=True)
    person_email = models.EmailField(_("e-mail (outside person)"), blank=True)
    organisation = models.CharField(_("represents"), max_length=150, blank=True)
    role = models.CharField(_("role in the group"), max_length=20, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    category = models.CharField(_("category"), max_length=20, choices=MemberCategory.choices,
                                default=MemberCategory.OTHER)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["group", "role", "person_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(person_name="")) | (Q(user__isnull=True) & ~Q(person_name="")),
                name="membership_user_or_person",
                violation_error_message=_("Choose a portal user or write an outside person's name, not both."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_dates_in_order",
                violation_error_message=_("The end date cannot come before the start date."),
            ),
            models.UniqueConstraint(
                fields=["group", "user", "start_date"], condition=Q(user__isnull=False),
                name="membership_unique_user_start", violation_error_code="duplicate",
                violation_error_message=_("This person is already a member of the group from this date."),
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.get_role_display()} ({self.group})"

    @property
    def name(self):
        return str(self.user) if self.user_id else self.person_name

    @property
    def email(self):
        return self.user.email if self.user_id else self.person_email

    def active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def clean(self):
        errors = {}
        if self.user_id and self.person_name:
            errors["person_name"] = _("Choose a portal user or write an outside person's name, not both.")
        elif not self.user_id and not self.person_name.strip():
            errors["person_name"] = _("Choose a portal user or write an outside person's name.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot come before the start date.")
        if self.group_id and self.start_date:
            group = self.group
            if group.start_date and self.start_date < group.start_date:
                errors["start_date"] = _("The membership cannot start before the group (%(date)s).") % {
                    "date": group.start_date.strftime("%d.%m.%Y")}
            if group.end_date and (self.end_date is None or self.end_date > group.end_date):
                errors["end_date"] = _("The membership must end no later than the group (%(date)s).") % {
                    "date": group.end_date.strftime("%d.%m.%Y")}
            if group.end_date and self.start_date > group.end_date:
                errors["start_date"] = _("The membership cannot start after the group has ended.")
        if errors:
            raise ValidationError(errors)
