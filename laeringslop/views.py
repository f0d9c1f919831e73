"""Core pages: home, units, health check. Thin: reads come from selectors."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services
from .forms import UnitFilterForm
from .history import history_for
from .hooks import home_panels
from .jobs import broker_status_recent
from .models import Unit
from .permissions import get_visible_or_404, require_perm, roles_of
from .tenancy import municipality_choose


@login_required
def home(request):
    return render(
        request,
        "laeringslop/home.html",
        {
            "panels": home_panels(request),
            "roles": roles_of(request.user),
            # The roles held in the municipality of this request (all of them before one is chosen).
            "assignments": request.user.role_assignments.select_related("unit").filter(
                **({"municipality": request.municipality} if request.municipality else {})),
        },
    )


@login_required
def unit_list(request):
    require_perm(request.user, "laeringslop.view_unit_list")
    form = UnitFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    units = selectors.unit_list(
        request.user,
        kind=filters.get("kind", ""),
        region_id=filters["region"].pk if filters.get("region") else None,
        query=filters.get("q", ""),
    )
    return render(request, "laeringslop/unit_list.html", {"form": form, "units": units})


@login_required
def unit_detail(request, pk):
    unit = get_visible_or_404(
        Unit.objects.select_related("region", "municipality"), "laeringslop.view_unit", request.user, pk=pk
    )
    return render(
        request,
        "laeringslop/unit_detail.html",
        {"unit": unit, "leaders": selectors.leaders_of(unit), "history": history_for(unit)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def municipality_switch(request):
    """The switcher for a person with roles in several municipalities: choose which one to work in."""
    choices = request.municipality_choices
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False) \
            or target.startswith(reverse("municipality_choose")):
        target = reverse("home")
    if request.method == "POST":
        chosen = next((m for m in choices if str(m.pk) == request.POST.get("municipality", "")), None)
        if chosen is None:  # not one of the user's: the same answer as for one that does not exist
            raise Http404
        municipality_choose(request, chosen)
        messages.success(request, _("You are now working in %(name)s.") % {"name": chosen.name})
        return redirect(target)
    if not choices:
        raise PermissionDenied
    return render(request, "laeringslop/municipality_choose.html", {"choices": choices, "next": target})


@never_cache
@require_GET
def health(request):
    """For load balancers and monitoring: the database and the job queue's broker.

    200 when both answer; 503 when the database does not (the portal cannot work). A broker that
    does not answer is reported (``"broker": "down"``) with 200: pages work, jobs wait and are sent
    when it is back. The broker's answer is at most HEALTH_BROKER_SECONDS old.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "down"
    broker = "ok" if broker_status_recent() else "down"
    status = "ok" if database == broker == "ok" else "degraded" if database == "ok" else "down"
    return JsonResponse({"status": status, "database": database, "broker": broker},
                        status=503 if database != "ok" else 200)


@require_http_methods(["POST"])
def set_language(request):
    """Django's language switch, which also remembers a logged-in person's choice for their e-mails."""
    from django.conf import settings
    from django.views.i18n import set_language as django_set_language

    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_language_set(user=request.user, language=language)
    return response
