"""The advisers' page for local indicators (e.g. a municipal reading screening).

A local indicator belongs to one municipality: its staff see and edit it (during a request, that
of the request's municipality); others get 404. National indicators (Udir's catalogue) are listed
for everyone and edited by no one here."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from laeringslop import tenancy
from laeringslop.concurrency import show_stale
from laeringslop.history import history_for
from projects.views.common import attach_errors

from .local_forms import LocalIndicatorForm
from .local_services import local_indicator_save
from .models import Indicator


def managed_municipality(request):
    """The request's municipality, whose local indicators the adviser manages (403 for others)."""
    return tenancy.managed_municipality(request, "indicators.manage_local")


@login_required
def local_list(request):
    municipality = managed_municipality(request)
    return render(request, "indicators/local_list.html", {
        "municipality": municipality,
        "local": Indicator.objects.filter(is_local=True, municipality=municipality),
        "national": Indicator.objects.filter(is_local=False),
    })


@login_required
def local_create(request):
    municipality = managed_municipality(request)
    return _edit(request, Indicator(is_local=True, source="local", municipality=municipality), municipality)


@login_required
def local_edit(request, pk):
    municipality = managed_municipality(request)
    # National indicators come from Udir's catalogue and are not edited here; another
    # municipality's local indicators are not found.
    return _edit(request, get_object_or_404(Indicator, pk=pk, is_local=True, municipality=municipality), municipality)


def _edit(request, indicator, municipality):
    form = LocalIndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            local_indicator_save(form, municipality=municipality)
        except ValidationError as error:
            show_stale(form, error) or attach_errors(form, error)
        else:
            messages.success(request, _("The local indicator is saved."))
            return redirect("indicators:local_list")
    return render(request, "indicators/local_form.html", {
        "form": form, "indicator": indicator, "history": history_for(indicator) if indicator.pk else [],
    })
