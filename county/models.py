"""The county's networks: the county governor (Statsforvalteren) leads a network, such as Hedmark's
«Kultur for læring», with the county's municipalities, grouped in the county's own regions, and
shares its milestones and meetings with them.

A network belongs to one county and spans municipalities, so it is not a municipality's data: its
members join (and withdraw) themselves, and the county user places them in regions.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from laeringslop.concurrency import Versioned
from laeringslop.validators import validate_single_line


class CountyRegion(models.Model):
    """A region the county defines for its networks, like Hedmark's four (not a municipality's ``Region``)."""

    county = models.ForeignKey("laeringslop.County", on_delete=models.CASCADE, related_name="network_regions",
                               verbose_name=_("county"))
    name = models.CharField(_("name"), max_length=100, validators=[validate_single_line])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("county region")
        verbose_name_plural = _("county regions")
        ordering = ["county", "name"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="county_region_unique_name",
                                    violation_error_message=_("The county already has a region with this name.")),
            models.CheckConstraint(condition=~Q(name=""), name="county_region_has_name",
                                   violation_error_message=_("A region must have a name.")),
        ]

    def __str__(self):
        return self.name


class Network(models.Model):
    """A network the county leads with its municipalities (e.g. «Kultur for læring»)."""

    county = models.ForeignKey("laeringslop.County", on_delete=models.CASCADE, related_name="networks",
                               verbose_name=_("county"))
    name = models.CharField(_("name"), max_length=150, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["county", "name"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="network_unique_name",
                                    violation_error_message=_("The county already has a network with this name.")),
            models.CheckConstraint(condition=~Q(name=""), name="network_has_name",
                                   violation_error_message=_("A network must have a name.")),
        ]

    def __str__(self):
        return self.name


class NetworkMembership(models.Model):
    """A municipality taking part in a network; the county user places it in one of the county's regions."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships",
                                verbose_name=_("network"))
    municipality = models.ForeignKey("laeringslop.Municipality", on_delete=models.CASCADE,
                                     related_name="network_memberships", verbose_name=_("municipality"))
    region = models.ForeignKey(CountyRegion, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="memberships", verbose_name=_("region"))
    joined_at = models.DateTimeField(_("joined"))
    joined_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("joined by"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["network", "municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "municipality"], name="network_membership_once",
                                    violation_error_message=_("The municipality is a member of the network "
                                                              "already.")),
        ]

    def __str__(self):
        return f"{self.municipality} – {self.network}"

    def clean(self):
        errors = {}
        if self.network_id and self.municipality_id and self.municipality.county_id != self.network.county_id:
            errors["municipality"] = _("The municipality belongs to another county than the network.")
        if self.network_id and self.region_id and self.region.county_id != self.network.county_id:
            errors["region"] = _("The region belongs to another county than the network.")
        if errors:
            raise ValidationError(errors)


class EventKind(models.TextChoices):
    MILESTONE = "milestone", _("Milestone")
    MEETING = "meeting", _("Meeting")


class NetworkEvent(Versioned):
    """A milestone or meeting the network shares with its members (a gathering, a survey phase, …)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="events",
                                verbose_name=_("network"))
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.MEETING)
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network event")
        verbose_name_plural = _("network events")
        ordering = ["date", "time", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="network_event_kind_known",
                                   violation_error_message=_("An event is a milestone or a meeting.")),
            models.CheckConstraint(condition=~Q(title=""), name="network_event_has_title",
                                   violation_error_message=_("An event must have a title.")),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d.%m.%Y})"
