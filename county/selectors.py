"""Reads for the county's pages: networks with their members, events, and what a user may see.

Every function runs a fixed number of queries, whatever the number of member municipalities.
"""
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from laeringslop.permissions import roles_of

from .models import CountyRegion, Network, NetworkEvent, NetworkMembership

#: How far ahead the home panel and the network page look for events.
UPCOMING_DAYS = 180


def _members():
    return Prefetch("memberships", queryset=NetworkMembership.objects.select_related("municipality", "region")
                    .order_by("region__name", "municipality__name"))


def county_networks(user) -> list[Network]:
    """The networks of the counties where the user holds the county role, with their members (3 queries)."""
    return list(Network.objects.filter(county_id__in=roles_of(user).county_ids).select_related("county")
                .prefetch_related(_members()).order_by("county__name", "name"))


def members_by_region(network) -> list[tuple]:
    """(region or None, [memberships]) in region order, members without a region last (prefetched members)."""
    groups: dict = {}
    for membership in network.memberships.all():
        groups.setdefault(membership.region, []).append(membership)
    named = sorted((r for r in groups if r is not None), key=lambda r: r.name)
    result = [(region, sorted(groups[region], key=lambda m: m.municipality.name)) for region in named]
    if None in groups:
        result.append((None, sorted(groups[None], key=lambda m: m.municipality.name)))
    return result


def network_with_members(pk):
    return Network.objects.select_related("county").prefetch_related(_members()).filter(pk=pk)


def county_regions(county) -> list[CountyRegion]:
    return list(CountyRegion.objects.filter(county=county).order_by("name"))


def upcoming_events(network, today: date | None = None, days: int = UPCOMING_DAYS):
    today = today or timezone.localdate()
    return list(network.events.filter(date__gte=today, date__lte=today + timedelta(days=days)))


def past_events(network, today: date | None = None, limit: int = 10):
    today = today or timezone.localdate()
    return list(network.events.filter(date__lt=today).order_by("-date", "-time")[:limit])


def municipality_networks(municipality) -> list[tuple]:
    """(network, membership or None) for every network of the municipality's county (2 queries)."""
    if municipality is None or municipality.county_id is None:
        return []
    networks = list(Network.objects.filter(county_id=municipality.county_id).select_related("county"))
    memberships = {m.network_id: m for m in NetworkMembership.objects.filter(
        municipality=municipality, network__in=networks).select_related("region")}
    return [(network, memberships.get(network.pk)) for network in networks]


def member_events(municipality, today: date | None = None, days: int = UPCOMING_DAYS, limit: int = 5) -> list[tuple]:
    """(network, [upcoming events]) for the networks the municipality is a member of (2 queries)."""
    if municipality is None:
        return []
    today = today or timezone.localdate()
    networks = list(Network.objects.filter(memberships__municipality=municipality).order_by("name"))
    events: dict = {}
    for event in NetworkEvent.objects.filter(network__in=networks, date__gte=today,
                                             date__lte=today + timedelta(days=days)):
        events.setdefault(event.network_id, []).append(event)
    return [(network, events.get(network.pk, [])[:limit]) for network in networks]
