"""The county's pages: the overview, a network's page, the comparison, regions and events (county user);
the municipality's networks with join and withdraw (its administrator); a new municipality (superuser)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from laeringslop.concurrency import show_stale
from laeringslop.history import history_for
from laeringslop.permissions import get_visible_or_404, require_perm
from laeringslop.tenancy import staff_municipality

from . import selectors, services
from .comparison import network_comparison
from .forms import ComparisonForm, EventForm, MunicipalityForm, RegionForm
from .models import Network, NetworkEvent


def _crumbs(network=None, *more):
    crumbs = [(_("County networks"), reverse("county:overview"))]
    if network is not None:
        crumbs.append((network.name, reverse("county:network", args=[network.pk])))
    return [*crumbs, *more]


def _network(request, pk, perm: str, *, members: bool = False) -> Network:
    """The network if the user may ``perm`` it: 403 for a role with no network pages, else 404."""
    require_perm(request.user, "county.view_networks")
    queryset = selectors.network_with_members(pk) if members else Network.objects.select_related("county")
    return get_visible_or_404(queryset, perm, request.user, pk=pk)


def _managed_network(request, pk, *, members: bool = False) -> Network:
    require_perm(request.user, "county.view_overview")  # only the county role changes a network
    return get_visible_or_404(selectors.network_with_members(pk) if members else
                              Network.objects.select_related("county"), "county.manage_network", request.user, pk=pk)


@login_required
def overview(request):
    require_perm(request.user, "county.view_overview")
    networks = selectors.county_networks(request.user)
    return render(request, "county/overview.html", {
        "networks": [(network, selectors.members_by_region(network)) for network in networks],
    })


@login_required
def network_detail(request, pk):
    network = _network(request, pk, "county.see_network", members=True)
    can_manage = request.user.has_perm("county.manage_network", network)
    today = timezone.localdate()
    return render(request, "county/network.html", {
        "network": network, "groups": selectors.members_by_region(network), "can_manage": can_manage,
        "upcoming": selectors.upcoming_events(network, today), "past": selectors.past_events(network, today),
        "crumbs": _crumbs() if can_manage else [], "days": selectors.UPCOMING_DAYS,
    })


@login_required
def comparison(request, pk):
    require_perm(request.user, "county.view_overview")
    network = get_visible_or_404(selectors.network_with_members(pk), "county.compare_network", request.user, pk=pk)
    form = ComparisonForm(request.GET or None)
    indicator = grade = None
    if form.is_bound and form.is_valid():
        indicator, grade = form.cleaned_data["indicator"], form.cleaned_data["grade"]
    if indicator is None:
        indicator = form.fields["indicator"].queryset.filter(code="GSP").first() or \
            form.fields["indicator"].queryset.first()
    result = network_comparison(network, indicator, grade) if indicator is not None else None
    if result is not None:
        form = ComparisonForm({"indicator": indicator.pk, "grade": result.grade}, grades=result.grades)
        form.is_valid()
    return render(request, "county/comparison.html", {
        "network": network, "form": form, "result": result, "indicator": indicator,
        "crumbs": _crumbs(network),
    })


@login_required
def regions(request, pk):
    """Place the member municipalities in the county's regions, and add a region."""
    network = _managed_network(request, pk, members=True)
    county_regions = selectors.county_regions(network.county)
    memberships = [m for _r, members in selectors.members_by_region(network) for m in members]
    region_form = RegionForm(prefix="region")
    if request.method == "POST":
        if "add_region" in request.POST:
            region_form = RegionForm(request.POST, prefix="region")
            if region_form.is_valid():
                try:
                    region = services.region_create(county=network.county, name=region_form.cleaned_data["name"])
                except ValidationError as error:
                    region_form.add_error("name", error)
                else:
                    messages.success(request, _("The region %(region)s is added.") % {"region": region.name})
                    return redirect("county:regions", pk=network.pk)
        else:
            by_id = {str(r.pk): r for r in county_regions}
            chosen = {}
            for membership in memberships:
                value = request.POST.get(f"region-{membership.pk}", "")
                if value and value not in by_id:
                    messages.error(request, _("Choose one of the county's regions."))
                    return redirect("county:regions", pk=network.pk)
                chosen[membership.pk] = by_id.get(value)
            changed = services.network_regions_set(network=network, regions=chosen)
            messages.success(request, _("The regions are saved (%(count)d changed).") % {"count": changed})
            return redirect("county:network", pk=network.pk)
    return render(request, "county/regions.html", {
        "network": network, "memberships": memberships, "county_regions": county_regions,
        "region_form": region_form, "crumbs": _crumbs(network),
    })


def _event_page(request, network, form, title, history_obj=None):
    if request.method == "POST" and form.is_valid():
        try:
            event = services.network_event_save(form=form, network=network)
        except ValidationError as error:
            show_stale(form, error) or form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("county:network", args=[event.network_id]))
    return render(request, "county/form.html", {
        "form": form, "title": title, "crumbs": _crumbs(network),
        "history": history_for(history_obj) if history_obj is not None else None,
    })


@login_required
def event_create(request, pk):
    network = _managed_network(request, pk)
    form = EventForm(request.POST or None, instance=NetworkEvent(network=network))
    return _event_page(request, network, form, _("New milestone or meeting"))


@login_required
def event_edit(request, pk):
    require_perm(request.user, "county.view_overview")
    event = NetworkEvent.objects.select_related("network__county").filter(pk=pk).first()
    if event is None or not request.user.has_perm("county.manage_network", event.network):
        raise Http404
    form = EventForm(request.POST or None, instance=event)
    return _event_page(request, event.network, form, _("Edit: %(title)s") % {"title": event.title},
                       history_obj=event)


def _administered_municipality(request):
    """The request's municipality, if the user is its administrator (403 otherwise)."""
    require_perm(request.user, "county.join_network")
    municipality = staff_municipality(request)
    if municipality is None:
        raise PermissionDenied
    return municipality


@login_required
def municipality_networks(request):
    municipality = _administered_municipality(request)
    return render(request, "county/municipality_networks.html", {
        "municipality": municipality, "rows": selectors.municipality_networks(municipality),
    })


def _county_network(request, pk):
    municipality = _administered_municipality(request)
    try:
        network = Network.objects.select_related("county").get(pk=pk, county_id=municipality.county_id)
    except Network.DoesNotExist:
        raise Http404 from None
    return municipality, network


@login_required
@require_POST
def network_join(request, pk):
    municipality, network = _county_network(request, pk)
    try:
        services.network_join(network=network, municipality=municipality, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(municipality)s is now a member of %(network)s.")
                         % {"municipality": municipality.name, "network": network.name})
    return redirect("county:municipality_networks")


@login_required
@require_POST
def network_withdraw(request, pk):
    municipality, network = _county_network(request, pk)
    try:
        services.network_withdraw(network=network, municipality=municipality)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(municipality)s has withdrawn from %(network)s.")
                         % {"municipality": municipality.name, "network": network.name})
    return redirect("county:municipality_networks")


@login_required
def municipality_create(request):
    require_perm(request.user, "county.add_municipality")
    form = MunicipalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            municipality = services.municipality_create(
                number=data["number"], name=data["name"], county=data["county"],
                county_number=data["county_number"], county_name=data["county_name"],
                network=data["network"], region=data["region"], user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The municipality %(name)s is created.") % {"name": municipality.name})
            return redirect("county:municipality_create")
    return render(request, "county/form.html", {"form": form, "title": _("New municipality"), "crumbs": [],
                                                "submit_label": _("Create the municipality")})
