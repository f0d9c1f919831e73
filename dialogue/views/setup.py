"""The advisers' pages: the years' set-up (indicators, questions, deadline) and completion status."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from laeringslop.concurrency import show_stale
from laeringslop.history import history_for

from .. import selectors, services, tasks
from ..forms import MirrorYearCreateForm, MirrorYearForm, QuestionFormSet
from ..selectors.kindergartens import kindergarten_counts, kindergarten_statuses
from ..selectors.year_units import year_unit_counts
from .common import managed_municipality, managed_year


@login_required
def year_list(request):
    municipality = managed_municipality(request)
    form = MirrorYearCreateForm(request.POST or None, municipality=municipality,
                                initial={"school_year": selectors.next_free_school_year(municipality)})
    if request.method == "POST" and form.is_valid():
        mirror_year = services.mirror_year_create(municipality=municipality,
                                                  school_year=form.cleaned_data["school_year"],
                                                  copy_previous=form.cleaned_data["copy_previous"])
        messages.success(request, _("The Læringsspeil %(year)s is created. Check the indicators, questions and "
                                    "deadline, then publish it.") % {"year": mirror_year.label})
        return redirect("dialogue:year_setup", year=mirror_year.school_year)
    years = selectors.mirror_years_for_staff(request.user).filter(municipality=municipality)
    return render(request, "dialogue/year_list.html", {"years": years, "form": form})


@login_required
def year_setup(request, year):
    mirror_year = managed_year(request, year)
    form = MirrorYearForm(request.POST or None, instance=mirror_year)
    formset = QuestionFormSet(request.POST or None, instance=mirror_year, prefix="questions")
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                services.mirror_year_setup_save(form, formset, publish="publish" in request.POST)
            except ValidationError as error:
                if not show_stale(form, error):
                    messages.error(request, " ".join(error.messages))
                    return redirect("dialogue:year_setup", year=year)
            else:
                messages.success(request, _("The set-up is saved.") if "publish" not in request.POST
                                 else _("The Læringsspeil is published to the schools."))
                return redirect("dialogue:year_setup", year=year)
        messages.error(request, _("Please correct the errors below."))
    return render(request, "dialogue/year_setup.html", {
        "mirror_year": mirror_year, "form": form, "formset": formset, "history": history_for(mirror_year),
        "unit_counts": year_unit_counts(mirror_year) if mirror_year.is_published else None,
    })


@login_required
def year_status(request, year):
    mirror_year = managed_year(request, year)
    statuses = selectors.completion_status(mirror_year)
    kindergartens = kindergarten_statuses(mirror_year.municipality_id, mirror_year, mirror_year.school_year)
    return render(request, "dialogue/year_status.html", {
        "mirror_year": mirror_year, "statuses": statuses,
        "kindergarten_statuses": kindergartens, "kindergarten_counts": kindergarten_counts(kindergartens),
        "not_submitted": [s for s in statuses if s.status != "submitted"],
        "kindergartens_not_submitted": [k for k in kindergartens if k.status != "submitted"],
        "reminders": list(mirror_year.reminders.select_related("requested_by")[:5]),
        "last_reminder": selectors.last_reminder(mirror_year),
        "reported": set(mirror_year.reports.exclude(html="").exclude(pdf="").values_list("school_id", flat=True)),
    })


@login_required
@require_POST
def year_remind(request, year):
    mirror_year = managed_year(request, year)
    due = services.reminder_due_counts(mirror_year)
    reminder = services.reminder_request(mirror_year, user=request.user)
    with_heads = _has_kindergartens(mirror_year)
    if reminder is None:
        last = selectors.last_reminder(mirror_year)
        if last is not None and timezone.localtime(last.sent_at).date() == timezone.localdate():
            when = date_format(timezone.localtime(last.sent_at), "SHORT_DATETIME_FORMAT")
            messages.info(request, (_("No reminder was sent: every rector and kindergarten head who has not submitted "
                                      "has already had one today. The last reminder went out %(when)s.") if with_heads
                                    else _("No reminder was sent: every rector who has not submitted has already had "
                                           "one today. The last reminder went out %(when)s.")) % {"when": when})
        elif with_heads:
            messages.info(request, _("No reminder was sent: no rector or kindergarten head of a unit that has not "
                                     "submitted has an email address."))
        else:
            messages.info(request, _("No reminder was sent: no rector of a school that has not submitted has an "
                                     "email address."))
        return redirect("dialogue:year_status", year=year)
    transaction.on_commit(lambda: tasks.send_reminder.delay(reminder.pk, request.build_absolute_uri("/")))
    messages.success(request, _reminder_sent_message(due))
    return redirect("dialogue:year_status", year=year)


def _has_kindergartens(mirror_year) -> bool:
    """Whether the year has kindergartens (then the reminder's messages name the kindergarten heads too)."""
    from ..selectors.cycle import cycle_kindergartens

    return cycle_kindergartens(mirror_year).exists()


def _reminder_sent_message(due: dict) -> str:
    rectors, heads = due["rectors"], due["heads"]
    if not heads:
        return ngettext("A reminder is being sent to %(count)d rector who has not submitted.",
                        "A reminder is being sent to %(count)d rectors who have not submitted.", rectors) % {
            "count": rectors}
    if not rectors:
        return ngettext("A reminder is being sent to %(count)d kindergarten head whose kindergarten has not submitted.",
                        "A reminder is being sent to %(count)d kindergarten heads whose kindergartens have not "
                        "submitted.", heads) % {"count": heads}
    return _("A reminder is being sent to %(rectors)s and %(heads)s who have not submitted.") % {
        "rectors": ngettext("%(count)d rector", "%(count)d rectors", rectors) % {"count": rectors},
        "heads": ngettext("%(count)d kindergarten head", "%(count)d kindergarten heads", heads) % {"count": heads}}
