"""The «Varsler» pages: a person's own notices (newest first, paged), marking them read, and which
kinds they get by e-mail. Every page shows the logged-in person's own notices only."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from laeringslop.services import user_language_set

from . import selectors, services
from .forms import PreferencesForm
from .models import NoticeKind

PAGE_SIZE = 25


@login_required
def notice_list(request):
    notices = selectors.notices_for(municipality=request.municipality, user=request.user)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "notices/list.html", {
        "page": page, "unread": selectors.unread_count(municipality=request.municipality, user=request.user),
    })


@login_required
@require_POST
def notice_read(request, pk):
    if not services.notice_mark_read(user=request.user, municipality=request.municipality, notice_id=pk):
        if not selectors.notices_for(municipality=request.municipality, user=request.user).filter(pk=pk).exists():
            raise Http404
    return redirect("notices:list")


@login_required
@require_POST
def notice_read_all(request):
    count = services.notice_mark_read(user=request.user, municipality=request.municipality)
    if count:
        messages.success(request, _("All notices are marked as read."))
    return redirect("notices:list")


@login_required
def notice_preferences(request):
    off = selectors.kinds_turned_off(request.user)
    initial = {"enabled": [kind for kind in NoticeKind.values if kind not in off],
               "language": request.user.language}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.notice_preferences_save(user=request.user, enabled=form.cleaned_data["enabled"])
        user_language_set(user=request.user, language=form.cleaned_data["language"])
        messages.success(request, _("Your notice settings are saved."))
        return redirect("notices:preferences")
    return render(request, "notices/preferences.html", {"form": form})
