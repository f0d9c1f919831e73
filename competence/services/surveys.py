"""The competence survey: its rounds, and uploading their results.

An upload is checked first (``survey_upload_check``): problems refuse the whole file; otherwise the
upload keeps the checked rows and what they would change (new values, unchanged ones, stored values
that would be overwritten). ``survey_upload_store`` writes them in one transaction, after the
adviser has seen the overwritten values; if the stored values changed since the check, it refuses
(``changed_since_check``) and the check is shown again. The same file again changes nothing.
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..importing import check_file
from ..models import CompetenceSurvey, CompetenceTopic, SurveyResult, SurveyUpload, UploadStatus

FIELDS = ("satisfaction", "importance", "answers")


@transaction.atomic
def survey_save(*, form, municipality) -> CompetenceSurvey:
    survey = form.save(commit=False)
    if survey.pk is not None and survey.municipality_id != municipality.pk:
        raise ValidationError(_("The survey belongs to another municipality."), code="other_municipality")
    survey.municipality = municipality
    survey.full_clean()
    survey.save()
    return survey


def _stored(survey) -> dict:
    """(unit id, topic name folded) → (topic name, satisfaction, importance, answers) as stored."""
    return {(r.unit_id, r.topic.name.casefold()): (r.topic.name, str(r.satisfaction), str(r.importance), r.answers)
            for r in survey.results.select_related("topic")}


def _diff(survey, rows) -> dict:
    stored = _stored(survey)
    new, unchanged, changed = 0, 0, []
    for unit_id, topic, satisfaction, importance, answers in rows:
        before = stored.get((unit_id, topic.casefold()))
        if before is None:
            new += 1
            continue
        now = (satisfaction, importance, answers)
        differs = [(name, str(old), str(value)) for name, old, value in zip(FIELDS, before[1:], now, strict=True)
                   if (Decimal(str(old)) != Decimal(str(value)))]
        if differs:
            changed += [[unit_id, topic, name, old, value] for name, old, value in differs]
        else:
            unchanged += 1
    return {"new": new, "unchanged": unchanged, "changed": changed}


@transaction.atomic
def survey_upload_check(*, survey: CompetenceSurvey, path, file_name: str, by) -> SurveyUpload:
    """Check the file for the survey; nothing of the survey is written. Returns the upload: refused
    (problems), unchanged (the same values are stored already) or checked (waiting to be stored)."""
    checked = check_file(path, municipality=survey.municipality)
    upload = SurveyUpload(survey=survey, file_name=file_name[:255], uploaded_by=by)
    if checked.problems:
        upload.status = UploadStatus.REFUSED
        upload.problems = [p.as_dict() for p in checked.problems.kept]
        upload.problem_count = checked.problems.count
    else:
        upload.rows = checked.rows
        upload.summary = _diff(survey, checked.rows)
        nothing = upload.summary["new"] == 0 and not upload.summary["changed"]
        upload.status = UploadStatus.UNCHANGED if nothing else UploadStatus.CHECKED
    upload.save()
    return upload


@transaction.atomic
def survey_upload_store(*, upload: SurveyUpload, by) -> SurveyUpload:
    """Store a checked upload's rows (new topics are added to the municipality's list).

    Refused: an upload not waiting to be stored (``not_checked``); stored values changed since the
    check (``changed_since_check``: the upload's summary is checked again and shown)."""
    upload = SurveyUpload.objects.select_for_update().select_related("survey__municipality").get(pk=upload.pk)
    if upload.status != UploadStatus.CHECKED:
        raise ValidationError(_("This upload is not waiting to be stored (%(status)s)."), code="not_checked",
                              params={"status": upload.get_status_display()})
    survey = CompetenceSurvey.objects.select_for_update().get(pk=upload.survey_id)
    now_diff = _diff(survey, upload.rows)
    if now_diff != upload.summary:
        upload.summary = now_diff
        upload.save(update_fields=["summary"])
        raise ValidationError(_("The stored results changed since the file was checked; look at what would "
                                "change again before storing."), code="changed_since_check")
    municipality = survey.municipality
    names = {topic for _u, topic, *_rest in upload.rows}
    topics = {t.name.casefold(): t for t in CompetenceTopic.objects.filter(municipality=municipality)}
    fresh = [CompetenceTopic(municipality=municipality, name=name) for name in sorted(names)
             if name.casefold() not in topics]
    for topic in fresh:
        topic.save()  # a handful per survey; saved one by one so the change history records them
        topics[topic.name.casefold()] = topic
    stored = {(r.unit_id, r.topic_id): r for r in survey.results.all()}
    create, update = [], []
    for unit_id, name, satisfaction, importance, answers in upload.rows:
        topic = topics[name.casefold()]
        values = {"satisfaction": Decimal(satisfaction), "importance": Decimal(importance), "answers": answers}
        row = stored.get((unit_id, topic.pk))
        if row is None:
            create.append(SurveyResult(survey=survey, topic=topic, unit_id=unit_id, **values))
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            update.append(row)
    SurveyResult.objects.bulk_create(create, batch_size=500)
    SurveyResult.objects.bulk_update(update, list(FIELDS), batch_size=500)
    upload.status = UploadStatus.STORED
    upload.stored_at = timezone.now()
    upload.save(update_fields=["status", "stored_at"])
    return upload
