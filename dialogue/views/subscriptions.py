"""«Kalenderen din»: a person's calendar address, and the calendar read from it (no login)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..feeds import personal_calendar_ics
from ..selectors.personal_calendar import feed_period, personal_calendar
from ..subscriptions import (
    calendar_subscription_renew,
    calendar_subscription_stop,
    holds_a_role,
    subscription_by_token,
    subscription_of,
)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_subscription(request):
    municipality = request.municipality
    if municipality is None or not holds_a_role(request.user, municipality):
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "renew":
            had = subscription_of(user=request.user, municipality=municipality) is not None
            calendar_subscription_renew(user=request.user, municipality=municipality)
            messages.success(request, _("Your calendar has a new address. The old address no longer works.") if had
                             else _("Your calendar address is ready."))
        elif action == "stop":
            if calendar_subscription_stop(user=request.user, municipality=municipality):
                messages.success(request, _("The calendar address is turned off. Calendars that read it get "
                                            "nothing more."))
        else:
            return HttpResponseBadRequest()
        return redirect("dialogue:calendar_subscription")
    subscription = subscription_of(user=request.user, municipality=municipality)
    first, last = feed_period(timezone.localdate())
    return render(request, "dialogue/calendar_subscription.html", {
        "subscription": subscription, "municipality": municipality, "first": first, "last": last,
        "upcoming": [e for e in personal_calendar(municipality, request.user, timezone.localdate(), last)][:10],
    })


def calendar_feed(request, token):
    """The calendar at a person's address. No login (calendar apps cannot log in): the secret token is
    the key, and the person can replace it or turn it off on «Kalenderen din»."""
    subscription = subscription_by_token(token)
    if subscription is None:
        raise Http404
    first, last = feed_period(timezone.localdate())
    events = personal_calendar(subscription.municipality, subscription.user, first, last)
    body = personal_calendar_ics(subscription.user, subscription.municipality, events, request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="laeringslop.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
