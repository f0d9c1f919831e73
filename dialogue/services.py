"""Writes for the yearly dialogue. Views, tasks and the demo seed call these."""
import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from laeringslop import concurrency
from laeringslop.models import Role, RoleAssignment
from notices.models import SETTLED, Notice, NoticeKind
from notices.services import notice_send, notify

from .models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    EventKind,
    MirrorYear,
    MirrorYearStatus,
    Question,
    Reminder,
)
from .selectors.cycle import (
    cycle_kindergartens,
    cycle_schools,
    kindergartens_taking_part_now,
    schools_taking_part_now,
    takes_part,
)

logger = logging.getLogger(__name__)

#: The cycle's step dates besides the deadline, copied a year on from the year before.
CYCLE_DATE_FIELDS = ("results_expected_on", "visits_from", "visits_until", "dialogues_from", "dialogues_until",
                     "followup_due_on")


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def mirror_year_create(*, municipality, school_year: int, deadline: date | None = None,
                       copy_previous: bool = True) -> MirrorYear:
    """A new year's set-up; with ``copy_previous`` it starts as a copy of the latest earlier year."""
    if MirrorYear.objects.filter(municipality=municipality, school_year=school_year).exists():
        raise ValidationError(_("The Læringsspeil for this school year is already set up."))
    previous = (MirrorYear.objects.filter(municipality=municipality, school_year__lt=school_year)
                .order_by("-school_year").first()) if copy_previous else None
    if deadline is None:
        deadline = (_shift_year(previous.deadline, school_year - previous.school_year) if previous
                    else date(school_year, 12, 15))
    # The cycle's other dates: last year's, a year on (or none).
    steps = {}
    if previous is not None:
        for name in CYCLE_DATE_FIELDS:
            day = getattr(previous, name)
            steps[name] = _shift_year(day, school_year - previous.school_year) if day else None
    mirror_year = MirrorYear.objects.create(
        municipality=municipality, school_year=school_year, deadline=deadline,
        introduction=previous.introduction if previous else "", **steps,
    )
    if previous is not None:
        from projects.expectations import expectations_for_year

        mirror_year.indicators.set(previous.indicators.all())
        # A question keeps its expectation while that expectation's plan still runs in the new year.
        running = set(expectations_for_year(municipality.pk, school_year).values_list("pk", flat=True))
        for q in previous.questions.all():
            Question.objects.create(mirror_year=mirror_year, area=q.area, text=q.text, order=q.order,
                                    has_rating=q.has_rating, applies_to=q.applies_to,
                                    expectation_id=q.expectation_id if q.expectation_id in running else None)
    return mirror_year


@transaction.atomic
def mirror_year_publish(mirror_year: MirrorYear) -> MirrorYear:
    """Publish the year to the schools and kindergartens; those taking part are fixed now (a school closed
    later stays in this year's counts, a kindergarten opened later is not in them until it is added:
    ``year_units.mirror_year_unit_add``). Publishing again changes nothing."""
    if not mirror_year.questions.exists():
        raise ValidationError(_("Add at least one question before publishing."), code="no_questions")
    if mirror_year.status != MirrorYearStatus.PUBLISHED:
        mirror_year.status = MirrorYearStatus.PUBLISHED
        mirror_year.published_at = timezone.now()
        mirror_year.save(update_fields=concurrency.bump(mirror_year, ["status", "published_at"]))
        mirror_year.schools.set(schools_taking_part_now(mirror_year.municipality_id))
        mirror_year.kindergartens.set(kindergartens_taking_part_now(mirror_year.municipality_id))
        year_published_notify(mirror_year)
    return mirror_year


@transaction.atomic
def mirror_year_setup_save(form, formset, *, publish: bool = False) -> MirrorYear:
    """Save the year's set-up (its form and its questions) and, with ``publish``, publish it.

    Refused with ``StaleVersion`` (code "stale") if the year was saved since the form was read
    (its hidden version); nothing is written then."""
    mirror_year = form.instance
    concurrency.claim(mirror_year, version=form.cleaned_data.get(concurrency.FIELD), form=form)
    _check_question_expectations(mirror_year, formset)
    form.save()
    formset.save()
    if publish:
        mirror_year_publish(mirror_year)
    return mirror_year


def _check_question_expectations(mirror_year: MirrorYear, formset) -> None:
    """Each question's expectation belongs to a quality plan of the year's municipality running that year
    (the form offers only those; a forged or stale form is refused here, code "other_plan")."""
    from projects.expectations import expectations_for_year

    allowed = set(expectations_for_year(mirror_year.municipality_id, mirror_year.school_year)
                  .values_list("pk", flat=True))
    for number, qform in enumerate(formset.forms, start=1):
        expectation = (getattr(qform, "cleaned_data", None) or {}).get("expectation")
        if expectation is not None and expectation.pk not in allowed:
            raise ValidationError(
                _("Question %(number)s refers to «%(expectation)s», which is not an expectation of the "
                  "municipality's quality plan for %(year)s.") % {
                    "number": number, "expectation": expectation.title, "year": mirror_year.label},
                code="other_plan")


def _ensure_assessment(mirror_year, school) -> tuple[Assessment, bool]:
    return Assessment.objects.get_or_create(mirror_year=mirror_year, school=school)


def _answer_changes(mirror_year, school, existing: dict, answers: dict) -> list:
    """(label, stored, yours) for the answers that differ from the stored ones."""
    changes = []
    for question in mirror_year.questions_for(school):
        if question.pk not in answers:
            continue
        text, rating = answers[question.pk]
        answer = existing.get(question.pk)
        stored_text, stored_rating = (answer.text, answer.rating) if answer else ("", None)
        label = Truncator(question.text).chars(60)
        if stored_text != text.strip():
            changes.append((label, concurrency.display(stored_text), concurrency.display(text.strip())))
        if question.has_rating and stored_rating != rating:
            changes.append((_("%(question)s (rating)") % {"question": label}, concurrency.display(stored_rating),
                            concurrency.display(rating)))
    return changes


@transaction.atomic
def assessment_save(*, mirror_year: MirrorYear, school, user, answers: dict,
                    staff_meeting_date=None, staff_involvement: str = "", version: int | None = None) -> Assessment:
    """Save a draft. ``answers`` maps question id -> (text, rating or None).

    ``version``: the version of the assessment the form was read at (0: there was none). A save over a
    newer version (another save, a submit or a reopening) is refused with ``StaleVersion`` (code "stale")
    listing what differs; a submitted assessment with code "locked". None checks nothing."""
    if not mirror_year.is_published:
        raise ValidationError(_("The Læringsspeil for this year is not open yet."), code="not_open")
    if not takes_part(mirror_year, school):  # opened after publishing: an adviser adds it first («Add a unit»)
        raise ValidationError(_("%(unit)s is not among the units taking part in the Læringsspeil %(year)s. Ask "
                                "an adviser to add it.") % {"unit": school.name, "year": mirror_year.label},
                              code="not_taking_part")
    assessment, created = _ensure_assessment(mirror_year, school)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_locked:
        raise ValidationError(_("The self-assessment has been submitted and is locked."), code="locked")
    existing = {a.question_id: a for a in assessment.answers.all()}
    if not created and version is not None and version != assessment.version:  # refused: say what differs
        concurrency.check(assessment, version=version,
                          yours={"staff_meeting_date": staff_meeting_date,
                                 "staff_involvement": staff_involvement.strip()},
                          extra=_answer_changes(mirror_year, school, existing, answers))
    answers_changed = False
    question_ids = set(mirror_year.questions_for(school).values_list("pk", flat=True))
    for question_id, (text, rating) in answers.items():
        if question_id not in question_ids:
            continue
        answer = existing.get(question_id)
        if answer is None:
            if text.strip() or rating is not None:
                Answer.objects.create(assessment=assessment, question_id=question_id, text=text.strip(),
                                      rating=rating)
                answers_changed = True
        elif answer.text != text.strip() or answer.rating != rating:
            answer.text, answer.rating = text.strip(), rating
            answer.save(update_fields=["text", "rating"])
            answers_changed = True
    changed = []
    if assessment.staff_meeting_date != staff_meeting_date:
        assessment.staff_meeting_date = staff_meeting_date
        changed.append("staff_meeting_date")
    if assessment.staff_involvement != staff_involvement.strip():
        assessment.staff_involvement = staff_involvement.strip()
        changed.append("staff_involvement")
    if changed or answers_changed:  # the answers are edited with it: one version for both
        assessment.save(update_fields=concurrency.bump(assessment, changed + ["updated_at"]))
    return assessment


def missing_parts(assessment: Assessment) -> dict[str, str]:
    """What must be filled in before the assessment can be submitted (empty when complete), by the form
    field it concerns (``q<pk>_text``, ``q<pk>_rating``, ``staff_meeting_date``, ``staff_involvement``),
    each message naming the question, so the page can put it beside the question."""
    problems = {}
    answers = {a.question_id: a for a in assessment.answers.all()}
    for question in assessment.mirror_year.questions_for(assessment.school):
        answer = answers.get(question.pk)
        if answer is None or not answer.is_answered:
            problems[f"q{question.pk}_text"] = _("Answer the question «%(question)s».") % {
                "question": Truncator(question.text).chars(80)}
        if question.has_rating and (answer is None or answer.rating is None):
            problems[f"q{question.pk}_rating"] = _("Give a rating from 1 to 4 for «%(question)s».") % {
                "question": Truncator(question.text).chars(80)}
    if assessment.staff_meeting_date is None:
        problems["staff_meeting_date"] = _("Give the date of the staff meeting.")
    if not assessment.staff_involvement.strip():
        problems["staff_involvement"] = _("Describe how the staff were involved.")
    return problems


@transaction.atomic
def assessment_submit(assessment: Assessment, *, user) -> Assessment:
    assessment = Assessment.objects.select_for_update().select_related("mirror_year").get(pk=assessment.pk)
    if assessment.is_locked:
        raise ValidationError(_("The self-assessment has been submitted and is locked."), code="locked")
    problems = missing_parts(assessment)
    if problems:  # by field: the page shows each beside its question
        raise ValidationError({field: [ValidationError(message, code="incomplete")]
                               for field, message in problems.items()})
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = user
    assessment.save(update_fields=concurrency.bump(assessment, ["status", "submitted_at", "submitted_by",
                                                                 "updated_at"]))
    AssessmentEvent.objects.create(assessment=assessment, kind=EventKind.SUBMITTED, by=user,
                                   reason=_("Submitted after the deadline") if assessment.is_late else "")
    return assessment


@transaction.atomic
def assessment_reopen(assessment: Assessment, *, user, reason: str) -> Assessment:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for reopening."))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted self-assessment can be reopened."))
    assessment.status = AssessmentStatus.REOPENED
    assessment.save(update_fields=concurrency.bump(assessment, ["status", "updated_at"]))
    AssessmentEvent.objects.create(assessment=assessment, kind=EventKind.REOPENED, by=user, reason=reason)
    return assessment


def _deadline_key(mirror_year: MirrorYear, school_id: int, day: date) -> str:
    return f"{mirror_year.pk}:{school_id}:{day.isoformat()}"


def _leaders(mirror_year: MirrorYear, *, with_email: bool = True):
    """The leaders (role assignments) of the year's units (that have an e-mail address): the rectors of its
    schools and the kindergarten heads (styrere) of its kindergartens."""
    queryset = (RoleAssignment.objects.filter(Q(role=Role.RECTOR, unit__in=cycle_schools(mirror_year))
                                              | Q(role=Role.KINDERGARTEN_HEAD,
                                                  unit__in=cycle_kindergartens(mirror_year)))
                .select_related("user", "unit").order_by("unit__name", "user_id"))
    return queryset.exclude(user__email="") if with_email else queryset


def _reminder_due(mirror_year: MirrorYear, day: date) -> list:
    """The rectors and kindergarten heads (role assignments) whose unit has not submitted and who have had
    no reminder today (a reminder whose e-mail failed is due again; one turned off by its recipient counts
    as had)."""
    submitted = Assessment.objects.filter(mirror_year=mirror_year, status=AssessmentStatus.SUBMITTED)
    had = set(Notice.objects.filter(kind=NoticeKind.ASSESSMENT_DEADLINE, status__in=SETTLED,
                                    event_key__startswith=f"{mirror_year.pk}:",
                                    event_key__endswith=f":{day.isoformat()}")
              .values_list("recipient_id", "event_key"))
    return [ra for ra in _leaders(mirror_year).exclude(unit__in=submitted.values("school"))
            if (ra.user_id, _deadline_key(mirror_year, ra.unit_id, day)) not in had]


def reminder_due_count(mirror_year: MirrorYear) -> int:
    return len(_reminder_due(mirror_year, timezone.localdate()))


def reminder_due_counts(mirror_year: MirrorYear) -> dict[str, int]:
    """How many rectors and how many kindergarten heads a reminder sent now would reach."""
    due = _reminder_due(mirror_year, timezone.localdate())
    heads = sum(ra.role == Role.KINDERGARTEN_HEAD for ra in due)
    return {"rectors": len(due) - heads, "heads": heads}


def reminder_request(mirror_year: MirrorYear, *, user) -> Reminder | None:
    """A reminder to send, or None when every rector who should have one has had one today."""
    if not reminder_due_count(mirror_year):
        return None
    return Reminder.objects.create(mirror_year=mirror_year, requested_by=user)


def reminder_send(reminder_id: int, *, base_url: str = "") -> int:
    """Email every rector whose school has not submitted and every kindergarten head (styrer) whose
    kindergarten has not, at most once a day per person, unit and year.

    Sends once (``notices.services.notice_send``, kind ``assessment_deadline``): a second run, or a
    second reminder the same day, sends nothing to those already reminded. Each rector's e-mail is
    recorded and sent in its own transaction: a run stopped half-way has recorded those it sent, and
    running it again sends only the rest. A failed send is recorded as failed (with the reason) and
    does not stop the others; a later reminder the same day tries that rector again.
    """
    reminder = Reminder.objects.select_related("mirror_year__municipality").get(pk=reminder_id)
    if reminder.sent_at is not None:
        return 0
    mirror_year = reminder.mirror_year
    today = timezone.localdate()
    count = 0
    for ra in _reminder_due(mirror_year, today):
        path = reverse("dialogue:assessment", kwargs={"school_id": ra.unit_id, "year": mirror_year.school_year})
        if notice_send(kind=NoticeKind.ASSESSMENT_DEADLINE, event_key=_deadline_key(mirror_year, ra.unit_id, today),
                       recipient=ra.user, municipality=mirror_year.municipality, url=path, base_url=base_url,
                       context={"mirror_year": mirror_year, "school": ra.unit}):
            count += 1
    Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(sent_at=timezone.now(),
                                                                         recipient_count=count)
    return count


def year_published_notify(mirror_year: MirrorYear, *, leaders=None) -> None:
    """Tell each rector of the year's schools and each kindergarten head of its kindergartens (or only
    ``leaders``, role assignments: a unit added later) that the self-assessment is open (mailed after the
    commit; one without an e-mail address sees it in the portal's list). Once per year and unit."""
    for ra in _leaders(mirror_year, with_email=False) if leaders is None else leaders:
        path = reverse("dialogue:assessment", kwargs={"school_id": ra.unit_id, "year": mirror_year.school_year})
        notify(kind=NoticeKind.YEAR_PUBLISHED, event_key=f"{mirror_year.pk}:{ra.unit_id}", recipients=[ra.user],
               municipality=mirror_year.municipality, url=path,
               context={"mirror_year": mirror_year, "school": ra.unit})
