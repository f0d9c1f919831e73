"""The director's dashboard across all schools."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from laeringslop.permissions import require_perm

from .. import selectors
from ..forms import DashboardFilterForm
from ..models import MirrorYear


@login_required
def dashboard(request):
    require_perm(request.user, "dialogue.view_dashboard")
    municipality = selectors.staff_municipality(request.user)
    if municipality is None:
        raise PermissionDenied
    years = list(MirrorYear.objects.filter(municipality=municipality).prefetch_related("indicators"))
    form = DashboardFilterForm(request.GET or None, municipality=municipality, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    by_year = {y.school_year: y for y in years}
    # By default the newest published year; staff may still choose a year being set up.
    published = [y for y in years if y.is_published]
    year = filters.get("year") or (published[0].school_year if published else selectors.current_school_year())
    mirror_year = by_year.get(year)
    sort = filters.get("sort") or "name"
    descending = filters.get("dir") == "desc"
    data = selectors.dashboard(municipality, mirror_year, year, region=filters.get("region"),
                               school_type=filters.get("school_type", ""),
                               indicator_codes=request.GET.getlist("indicator"), sort=sort, descending=descending)
    shown = [i.code for i in data["indicators"]]
    if sort not in ("name", "region", "status", *shown):
        # The sort column was deselected: fall back to the school name.
        sort, descending = "name", False
    query = request.GET.copy()
    for key in ("sort", "dir"):
        query.pop(key, None)
    base = query.urlencode()

    def header(key, label):
        current = sort == key
        direction = "asc" if not current or descending else "desc"
        return {"key": key, "label": label, "url": f"?{base}{'&' if base else ''}sort={key}&dir={direction}",
                "aria_sort": ("descending" if descending else "ascending") if current else None}

    charts = [{"data_id": f"trend-{t.indicator.code}-data", "trend": t, "data": {
        "labels": [f"{y}-{(y + 1) % 100:02d}" for y in t.years], "municipality": t.municipality,
        "nation": t.nation, "municipality_label": municipality.name, "nation_label": _("The nation")}}
        for t in data["trends"]]
    return render(request, "dialogue/dashboard.html", {
        "form": form, "year": year, "year_label": f"{year}-{(year + 1) % 100:02d}", "mirror_year": mirror_year,
        "municipality": municipality, "charts": charts,
        "fixed_headers": [header("name", _("School")), header("region", _("Region")),
                          header("status", _("Self-assessment"))],
        "indicator_headers": [header(i.code, i.name) for i in data["indicators"]],
        "selected_codes": shown, "sort": sort, "descending": descending, **data,
    })
