"""Core pages: home, units, health check. Thin: reads come from selectors."""
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .forms import UnitFilterForm, UnitsImportForm
from .history import history_for
from .hooks import home_panels, unit_links
from .jobs import broker_status_recent
from .models import Unit
from .permissions import administers_municipality, get_visible_or_404, require_perm, roles_of
from .services import unit_participation_set
from .tenancy import municipality_choose
from .units_import import units_import

#: The checked file waiting for the administrator's confirmation (in the session).
UNITS_IMPORT_PENDING = "laeringslop_units_import"


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
        {"unit": unit, "leaders": selectors.leaders_of(unit), "history": history_for(unit),
         "links": unit_links(request, unit),
         "can_change_participation": unit.is_school and request.user.has_perm(
             "laeringslop.change_unit_participation", unit)},
    )


@login_required
@require_POST
def unit_participation(request, pk):
    """Mark a school as taking part in the results, or not (a private school)."""
    unit = get_visible_or_404(Unit.objects.select_related("municipality"), "laeringslop.view_unit", request.user, pk=pk)
    takes_part = request.POST.get("takes_part") == "1"
    try:
        unit_participation_set(unit=unit, takes_part=takes_part, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, (_("%(name)s takes part in the results.") if takes_part else
                                   _("%(name)s does not take part in the results: nothing is stored or shown for it."))
                         % {"name": unit.name})
    return redirect("unit_detail", pk=unit.pk)


#: A checked file never confirmed is removed by a later check after this many seconds.
UNITS_IMPORT_KEEP_SECONDS = 24 * 3600


def _pending_path(token: str, extension: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "units-import" / f"{token}{extension}"


def _forget_abandoned(folder: Path) -> None:
    """Remove checked files nobody confirmed (older than UNITS_IMPORT_KEEP_SECONDS)."""
    import time

    limit = time.time() - UNITS_IMPORT_KEEP_SECONDS
    for old in folder.glob("*"):
        if old.is_file() and old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)


@login_required
@require_http_methods(["GET", "POST"])
def units_import_page(request):
    """Set up the municipality's schools from Udir's file: check (shows the changes), then confirm."""
    require_perm(request.user, "laeringslop.import_units")
    municipality = request.municipality
    superuser = request.user.is_superuser
    if not superuser and (municipality is None or not administers_municipality(request.user, municipality)):
        raise PermissionDenied
    form = UnitsImportForm(request.POST or None, request.FILES or None, superuser=superuser,
                           municipality=municipality)
    context = {"form": form, "municipality": municipality, "result": None, "token": "", "confirmed": False}
    if request.method == "POST" and "confirm" in request.POST:
        pending = request.session.pop(UNITS_IMPORT_PENDING, None)
        if not pending or not secrets.compare_digest(pending["token"], request.POST["confirm"]):
            messages.error(request, _("The checked file is gone: upload it again."))
            return redirect("units_import")
        path = _pending_path(pending["token"], pending["extension"])
        try:
            result = units_import(municipality_number=pending["number"], paths=[path], user=request.user)
        finally:
            path.unlink(missing_ok=True)
        if result.ok:
            messages.success(request, _("The schools of %(name)s are set up.") % {"name": result.municipality_name})
        context.update(result=result, confirmed=True, form=UnitsImportForm(superuser=superuser,
                                                                           municipality=municipality))
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        number = form.cleaned_data.get("municipality_number") or municipality.number
        token, extension = secrets.token_urlsafe(16), os.path.splitext(upload.name)[1].lower()
        path = _pending_path(token, extension)
        path.parent.mkdir(parents=True, exist_ok=True)
        _forget_abandoned(path.parent)
        with open(path, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            result = units_import(municipality_number=number, paths=[path], user=request.user, dry_run=True)
        except ValidationError as error:
            path.unlink(missing_ok=True)
            form.add_error("municipality_number" if superuser else None, error)
            return render(request, "laeringslop/units_import.html", context)
        if result.ok and (result.created or result.renamed or result.municipality_created):
            previous = request.session.get(UNITS_IMPORT_PENDING)
            if previous:
                _pending_path(previous["token"], previous["extension"]).unlink(missing_ok=True)
            request.session[UNITS_IMPORT_PENDING] = {"token": token, "extension": extension, "number": number}
            context["token"] = token
        else:
            path.unlink(missing_ok=True)
        context["result"] = result
    return render(request, "laeringslop/units_import.html", context)


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


@login_required
def glossary(request):
    """The glossary of the results pages' words, each term with an anchor the pages link to."""
    from .glossary import GLOSSARY

    return render(request, "laeringslop/glossary.html", {"terms": GLOSSARY})


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
