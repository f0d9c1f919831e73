"""Writes for the county's networks. Keyword-only; each runs in one transaction and refuses with a
``ValidationError`` whose ``code`` says why (the views show its message)."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from laeringslop import concurrency
from laeringslop.former_numbers import former_numbers_ensure
from laeringslop.models import County, Municipality
from laeringslop.validators import validate_municipality_number

from .models import CountyRegion, Network, NetworkEvent, NetworkMembership


def _locked_network(network) -> Network:
    return Network.objects.select_for_update().select_related("county").get(pk=network.pk)


@transaction.atomic
def network_join(*, network: Network, municipality: Municipality, user=None) -> NetworkMembership:
    """The municipality joins the network (of its own county); the county places it in a region later."""
    network = _locked_network(network)
    if municipality.county_id is None or municipality.county_id != network.county_id:
        raise ValidationError(_("%(municipality)s is not in %(county)s, the county of the network.")
                              % {"municipality": municipality.name, "county": network.county.name},
                              code="other_county")
    if NetworkMembership.objects.filter(network=network, municipality=municipality).exists():
        raise ValidationError(_("%(municipality)s is a member of %(network)s already.")
                              % {"municipality": municipality.name, "network": network.name}, code="already_member")
    membership = NetworkMembership(network=network, municipality=municipality, joined_at=timezone.now(),
                                   joined_by=user if user is not None and user.is_authenticated else None)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def network_withdraw(*, network: Network, municipality: Municipality) -> None:
    """The municipality leaves the network (its history keeps that it was a member)."""
    network = _locked_network(network)
    membership = NetworkMembership.objects.filter(network=network, municipality=municipality).first()
    if membership is None:
        raise ValidationError(_("%(municipality)s is not a member of %(network)s.")
                              % {"municipality": municipality.name, "network": network.name}, code="not_member")
    membership.delete()


@transaction.atomic
def region_create(*, county: County, name: str) -> CountyRegion:
    """A new region of the county (for all its networks)."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("A region must have a name."), code="blank")
    if CountyRegion.objects.filter(county=county, name__iexact=name).exists():
        raise ValidationError(_("The county already has a region with this name."), code="duplicate")
    region = CountyRegion(county=county, name=name)
    region.full_clean()
    region.save()
    return region


@transaction.atomic
def network_regions_set(*, network: Network, regions: dict) -> int:
    """Place member municipalities in regions: ``regions`` maps a membership's id to a ``CountyRegion``
    of the network's county, or None (no region). All or nothing. Returns how many changed."""
    network = _locked_network(network)
    memberships = {m.pk: m for m in NetworkMembership.objects.select_for_update().filter(
        network=network, pk__in=list(regions))}
    missing = set(regions) - set(memberships)
    if missing:
        raise ValidationError(_("A municipality is no longer a member of the network. Reload the page."),
                              code="not_member")
    changed = 0
    for pk, region in regions.items():
        if region is not None and region.county_id != network.county_id:
            raise ValidationError(_("The region %(region)s belongs to another county.") % {"region": region.name},
                                  code="other_county")
        membership = memberships[pk]
        if membership.region_id != (region.pk if region else None):
            membership.region = region
            membership.save(update_fields=["region"])
            changed += 1
    return changed


@transaction.atomic
def network_event_save(*, form, network: Network) -> NetworkEvent:
    """Create or change one of the network's events from its form. A change over a newer save is refused
    (``StaleVersion``, code "stale")."""
    event = form.save(commit=False)
    if event.pk is not None and event.network_id != network.pk:
        raise ValidationError(_("The event belongs to another network."), code="other_network")
    event.network = network
    concurrency.claim(event, version=form.cleaned_data.get(concurrency.FIELD), form=form)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def municipality_create(*, number: str, name: str, county: County | None = None, county_number: str = "",
                        county_name: str = "", network: Network | None = None, region: CountyRegion | None = None,
                        user=None) -> Municipality:
    """A new municipality in a county (an existing one, or one created here by number and name); with
    ``network`` it joins that network of the county at once, placed in ``region`` if given."""
    number, name = (number or "").strip(), " ".join((name or "").split())
    try:
        validate_municipality_number(number)
    except ValidationError as error:
        raise ValidationError(error.messages[0], code="number_format") from None
    if not name:
        raise ValidationError(_("The municipality must have a name."), code="blank")
    if Municipality.objects.filter(number=number).exists():
        raise ValidationError(_("There is a municipality with number %(number)s already.") % {"number": number},
                              code="number_taken")
    if county is None:
        county_number, county_name = (county_number or "").strip(), " ".join((county_name or "").split())
        if not county_number or not county_name:
            raise ValidationError(_("Choose a county, or give the new county's number and name."),
                                  code="county_missing")
        if len(county_number) != 2 or not county_number.isdigit():
            raise ValidationError(_("A county number has two digits."), code="county_number_format")
        if County.objects.filter(number=county_number).exists():
            raise ValidationError(_("There is a county with number %(number)s already: choose it.")
                                  % {"number": county_number}, code="county_taken")
        county = County(number=county_number, name=county_name)
        county.full_clean()
        county.save()
    if region is not None and network is None:
        raise ValidationError(_("Choose the network the region is for."), code="region_without_network")
    if network is not None and network.county_id != county.pk:
        raise ValidationError(_("The network belongs to another county."), code="other_county")
    if region is not None and region.county_id != county.pk:
        raise ValidationError(_("The region belongs to another county."), code="other_county")
    municipality = Municipality(number=number, name=name, county=county)
    municipality.full_clean()
    municipality.save()
    former_numbers_ensure(municipality=municipality)  # SSB's 2020 and 2024 renumberings, if any
    if network is not None:
        membership = network_join(network=network, municipality=municipality, user=user)
        if region is not None:
            membership.region = region
            membership.save(update_fields=["region"])
    return municipality
