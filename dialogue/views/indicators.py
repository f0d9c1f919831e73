"""The advisers' page for local indicators (e.g. a municipal reading screening)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from indicators.models import Indicator
from laeringslop.concurrency import show_stale
from laeringslop.history import history_for
from laeringslop.permissions import require_perm
from projects.views.common import attach_errors

from .. import services
from ..forms import LocalIndicatorForm


@login_required
def indicator_list(request):
    require_perm(request.user, "dialogue.manage")
    return render(request, "dialogue/indicator_list.html", {
        "local": Indicator.objects.filter(is_local=True),
        "national": Indicator.objects.filter(is_local=False),
    })


@login_required
def indicator_create(request):
    require_perm(request.user, "dialogue.manage")
    return _edit(request, Indicator(is_local=True, source="local"))


@login_required
def indicator_edit(request, pk):
    require_perm(request.user, "dialogue.manage")
    # National indicators come from Udir's catalogue and are not edited here.
    return _edit(request, get_object_or_404(Indicator, pk=pk, is_local=True))


def _edit(request, indicator):
    form = LocalIndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            services.local_indicator_save(form)
        except ValidationError as error:
            show_stale(form, error) or attach_errors(form, error)
        else:
            messages.success(request, _("The local indicator is saved."))
            return redirect("dialogue:indicator_list")
    return render(request, "dialogue/indicator_form.html", {
        "form": form, "indicator": indicator, "history": history_for(indicator) if indicator.pk else [],
    })
