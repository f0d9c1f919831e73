"""Reads of the indicators app for pages and the command line."""
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .importing.problems import SHOWN_PROBLEMS, Problem
from .models import ImportJob, ValueChange
from .permissions import jobs_visible_to


def import_jobs_for(user, municipality=None, limit: int = 200):
    """The newest imports of the request's municipality the user may see, with the uploader (one query)."""
    return jobs_visible_to(user, ImportJob.objects.select_related("uploaded_by", "municipality"),
                           municipality)[:limit]


def job_problems(job: ImportJob, limit: int | None = SHOWN_PROBLEMS) -> list[Problem]:
    stored = job.problems if limit is None else job.problems[:limit]
    return [Problem.from_dict(data) for data in stored]


#: The job states whose changes are planned (found by the check, not made yet).
PLANNED_STATES = ("awaiting", "checked", "outdated")
SHOWN_CHANGES = 200


def shows_planned(job: ImportJob) -> bool:
    return job.status in PLANNED_STATES


def job_changes(job: ImportJob, limit: int = SHOWN_CHANGES) -> list[dict]:
    """Old → new per changed value (the planned changes while the job waits for confirmation or
    was a dry run), only the fields that changed, labelled and formatted for the page (one
    query): {"label": "Grunnskolepoeng, 2024-25, Elvedal kommune", "fields": [("Verdi", "53,95",
    "48,3"), ...], "blanks": the value is emptied}."""
    rows = []
    for change in (ValueChange.objects.filter(job=job, planned=shows_planned(job))
                   .select_related("value__indicator").order_by("pk")[:limit]):
        rows.append({"value": change.value, "label": value_label(change.value),
                     "fields": changed_fields(change.old, change.new), "blanks": _blanks(change.old, change.new)})
    return rows


def _blanks(old: dict, new: dict) -> bool:
    return old.get("value") is not None and new.get("value") is None


def job_change_counts(job: ImportJob) -> dict:
    """How many values the import changes (or changed), and how many of them an empty, «..» or
    suppressed cell empties (two queries, whatever the number)."""
    changes = ValueChange.objects.filter(job=job, planned=shows_planned(job))
    return {"total": changes.count(),
            "blanked": changes.filter(new__value=None).exclude(old__value=None).count()}


def value_label(value) -> str:
    parts = [value.indicator.display_name]
    if value.grade and len(value.indicator.grades) != 1:
        parts.append(_("grade %(grade)s") % {"grade": value.grade})
    parts += [value.school_year_label, value.area_name or value.area_code]
    return ", ".join(str(part) for part in parts)


def _labels() -> dict:
    return {
        "area_name": _("Name"), "unit_id": _("Unit"), "value": _("Value"), "suppressed": _("Suppressed"),
        "uncertainty": _("Uncertainty"), "pupil_count": _("Number of pupils"),
        "standard_deviation": _("Standard deviation"),
    }


def _label(name: str, labels: dict) -> str:
    if name.isdigit():
        return _("Mastery level %(level)s") % {"level": name}
    return str(labels.get(name, name))


def _shown(value, labels=None) -> str:
    """Norwegian display: decimal comma without trailing zeros, ja/nei, – for nothing."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float, Decimal)):
        # "1 539", "2,53": as the rest of the portal writes numbers (grouped, decimal comma).
        return number_format(Decimal(str(value)).normalize(), force_grouping=True)
    if isinstance(value, list):
        return ", ".join(_label(str(item), labels or {}) for item in value)
    return str(value)


def changed_fields(old: dict, new: dict) -> list[tuple[str, str, str]]:
    """(label, old, new) for each field that differs; the details dict is opened up key by key."""
    labels = _labels()
    fields = []
    for name in new:
        before, after = old.get(name), new.get(name)
        if name == "details":
            before, after = before or {}, after or {}
            for key in sorted(set(before) | set(after), key=lambda k: (not k.isdigit(), k)):
                if before.get(key) != after.get(key):
                    label = _("Suppressed figures") if key == "suppressed" else _label(key, labels)
                    fields.append((label, _shown(before.get(key), labels), _shown(after.get(key), labels)))
        elif name == "unit_id" and before != after:  # an id, not a quantity: "12345", never "12 345"
            fields.append((_label(name, labels), before or "–", after or "–"))
        elif before != after:
            fields.append((_label(name, labels), _shown(before), _shown(after)))
    return fields


def summary_lines(job: ImportJob) -> list[str]:
    """The result in sentences, for the command line (the page uses the same figures)."""
    s = job.summary
    if not s:
        return []
    lines = [
        _("Results read: %(n)s") % {"n": s["rows_read"]},
        _("Values created: %(n)s") % {"n": s["created"]},
        _("Values updated: %(n)s") % {"n": s["updated"]},
        _("Values unchanged: %(n)s") % {"n": s["unchanged"]},
        _("Suppressed values (*): %(n)s") % {"n": s["suppressed"]},
        _("Comparison values (municipality, county, nation): %(n)s") % {"n": s["comparison_rows"]},
        _("Schools covered: %(n)s") % {"n": len(s["schools_covered"])},
    ]
    lines += [f"  {name}" for name in s["schools_covered"]]
    if s["unknown_units"]:
        lines.append(_("Schools in the file that are not units in the portal (not stored): %(n)s")
                     % {"n": len(s["unknown_units"])})
        lines += [f"  {name} ({code})" if code != name else f"  {name}" for name, code in s["unknown_units"]]
    if s.get("no_participation"):
        lines.append(_("Tests nobody took part in (empty cells, not stored): %(n)s") % {"n": s["no_participation"]})
    if s.get("no_results"):
        lines.append(_("School years without results (empty cells, not stored): %(n)s") % {"n": s["no_results"]})
    if s.get("abroad_rows"):
        lines.append(_("Rows for «Utlandet» (Norwegian schools abroad, not stored): %(n)s") % {"n": s["abroad_rows"]})
    if s.get("other_subjects"):
        lines.append(_("Subjects the portal does not import (not stored): %(codes)s")
                     % {"codes": ", ".join(s["other_subjects"])})
    if s.get("survey_empty"):
        lines.append(_("Survey results with every cell empty (not stored): %(n)s") % {"n": s["survey_empty"]})
    if s.get("question_rows"):
        lines.append(_("Question rows (the portal stores the indices; not stored): %(n)s") % {"n": s["question_rows"]})
    if s.get("other_breakdowns"):
        lines.append(_("Rows for one gender, owner or group (only all genders and all owners are stored): %(n)s")
                     % {"n": sum(n for _label, n in s["other_breakdowns"])})
        lines += [f"  {label}: {n}" for label, n in s["other_breakdowns"]]
    if s.get("unused_columns"):
        lines.append(_("Columns not used (only all owners and all genders are stored): %(n)s")
                     % {"n": len(s["unused_columns"])})
        lines += [f"  {heading}" for heading in s["unused_columns"]]
    lines += skipped_lines(s)
    nothing = not (s["created"] or s["updated"] or s["unchanged"])
    if nothing and s["unknown_units"] and not s.get("other_schools") and not s.get("comparison_skipped"):
        lines.append(_("No school in the file is in the portal; nothing was stored."))
    elif nothing and (s["unknown_units"] or s.get("other_schools") or s.get("comparison_skipped")
                         or s.get("not_taking_part")):
        lines.append(_("Nothing in the file belongs to the municipality; nothing was stored."))
    elif not s["created"] and not s["updated"]:
        lines.append(_("Nothing changed: the stored values already match the file."))
    if s.get("dry_run"):
        lines.append(_("Dry run: nothing was stored."))
    return lines


def skipped_lines(summary: dict) -> list[str]:
    """What the import left out because it belongs to others, in sentences (page and command line)."""
    lines = []
    if summary.get("other_schools"):
        lines.append(ngettext("%(n)s school in the file belongs to another municipality (not stored).",
                              "%(n)s schools in the file belong to another municipality (not stored).",
                              summary["other_schools"]) % {"n": summary["other_schools"]})
    if summary.get("not_taking_part"):
        lines.append(ngettext("%(n)s school in the file does not take part (a school the municipality does not own; "
                              "not stored).",
                              "%(n)s schools in the file do not take part (schools the municipality does not own; "
                              "not stored).",
                              summary["not_taking_part"]) % {"n": summary["not_taking_part"]})
    if summary.get("comparison_skipped"):
        lines.append(ngettext(
            "%(n)s comparison row for the nation, a county or another municipality was not stored: "
            "those are stored only by the portal's administrator.",
            "%(n)s comparison rows for the nation, the counties and other municipalities were not stored: "
            "those are stored only by the portal's administrator.",
            summary["comparison_skipped"]) % {"n": summary["comparison_skipped"]})
    return lines
