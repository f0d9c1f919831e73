"""The director's dashboard across all schools."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from laeringslop.permissions import require_perm
from laeringslop.schoolyear import school_year_label
from laeringslop.tenancy import staff_municipality

from .. import selectors
from ..exports import to_csv, to_xlsx
from ..forms import DashboardFilterForm
from ..models import MirrorYear

# Schools per page of the table: at 333 schools the whole table was close to a megabyte of HTML.
PAGE_SIZE = 50


def _shown(request):
    """The dashboard's data for the request's filters and sort (shared by the page and its export)."""
    require_perm(request.user, "dialogue.view_dashboard")
    municipality = staff_municipality(request)
    if municipality is None:
        raise PermissionDenied
    mirror_years = list(MirrorYear.objects.filter(municipality=municipality).prefetch_related("indicators"))
    years = selectors.data_years(municipality, mirror_years)
    form = DashboardFilterForm(request.GET or None, municipality=municipality, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    by_year = {y.school_year: y for y in mirror_years}
    # By default the newest published year; staff may still choose a year being set up or with values only.
    published = [y for y in mirror_years if y.is_published]
    year = filters.get("year") or (published[0].school_year if published else
                                   years[0] if years else selectors.current_school_year())
    mirror_year = by_year.get(year)
    # A year with values only: the columns of the nearest set-up year (the newer one on a tie).
    nearest = min(mirror_years, key=lambda y: (abs(y.school_year - year), -y.school_year), default=None)
    sort = filters.get("sort") or "name"
    descending = filters.get("dir") == "desc"
    data = selectors.dashboard(municipality, mirror_year, year, region=filters.get("region"),
                               school_type=filters.get("school_type", ""),
                               indicator_codes=request.GET.getlist("indicator"), sort=sort, descending=descending,
                               indicators_from=nearest)
    shown = [i.code for i in data["indicators"]]
    if sort not in ("name", "region", "status", *shown):
        # The sort column was deselected: fall back to the school name.
        sort, descending = "name", False
    return municipality, form, year, mirror_year, sort, descending, data


@login_required
def dashboard_export(request, fmt):
    """What the dashboard shows (same filters, same sort, the reference rows first) as CSV or XLSX."""
    require_perm(request.user, "dialogue.view_dashboard")  # a rector learns nothing, not even a 404
    if fmt not in ("csv", "xlsx"):
        raise Http404
    municipality, _form, year, _my, _sort, _desc, data = _shown(request)
    header, rows = selectors.dashboard_export_table(data)
    filename = f"dashbord-{municipality.number}-{year}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(to_xlsx(header, rows, title=f"{_('Dashboard')} {school_year_label(year)}"),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def dashboard(request):
    municipality, form, year, mirror_year, sort, descending, data = _shown(request)
    shown = [i.code for i in data["indicators"]]
    query = request.GET.copy()
    query.pop("page", None)
    # The export links keep the filters and the sort (not the page: the export has every school).
    export_query = query.urlencode()
    # Page links keep the filters and the sort; sort links keep the filters and start on page 1.
    paged = query.urlencode()
    for key in ("sort", "dir"):
        query.pop(key, None)
    base = query.urlencode()
    page = Paginator(data["rows"], PAGE_SIZE).get_page(request.GET.get("page"))
    pages = []
    if page.paginator.num_pages > 1:
        def link(n, rel=""):
            return {"number": n, "url": f"?{paged}{'&' if paged else ''}page={n}", "rel": rel,
                    "current": n == page.number and not rel}

        pages = [link(n) for n in page.paginator.page_range]
        if page.has_previous():
            pages.insert(0, link(page.previous_page_number(), "prev"))
        if page.has_next():
            pages.append(link(page.next_page_number(), "next"))

    def header(key, label, full=""):
        current = sort == key
        direction = "asc" if not current or descending else "desc"
        return {"key": key, "label": label, "full": full if full != label else "",
                "url": f"?{base}{'&' if base else ''}sort={key}&dir={direction}",
                "aria_sort": ("descending" if descending else "ascending") if current else None}

    charts = [{"data_id": f"trend-{t.indicator.code}-data", "trend": t, "data": {
        "labels": [f"{y}-{(y + 1) % 100:02d}" for y in t.years], "municipality": t.municipality,
        "nation": t.nation, "municipality_label": municipality.name, "nation_label": _("The nation"),
        "breaks": t.break_indexes}}
        for t in data["trends"]]
    return render(request, "dialogue/dashboard.html", {
        "form": form, "year": year, "year_label": f"{year}-{(year + 1) % 100:02d}", "mirror_year": mirror_year,
        "municipality": municipality, "charts": charts,
        "fixed_headers": [header("name", _("School")), header("region", _("Region")),
                          header("status", _("Self-assessment"))],
        "indicator_headers": [header(i.code, short, i.display_name) for i, short in zip(
            data["indicators"], selectors.short_labels([i.display_name for i in data["indicators"]]), strict=True)],
        "selected_codes": shown, "sort": sort, "descending": descending, **data,
        "page": page, "pages": pages, "export_query": export_query,
    })
