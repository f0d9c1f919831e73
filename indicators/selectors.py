"""Reads of the indicators app for pages and the command line."""
from django.utils.translation import gettext as _

from .importing.problems import SHOWN_PROBLEMS, Problem
from .models import ImportJob, ValueChange
from .permissions import jobs_visible_to


def import_jobs_for(user, limit: int = 200):
    """The newest imports the user may see, with the uploader (one query)."""
    return jobs_visible_to(user, ImportJob.objects.select_related("uploaded_by"))[:limit]


def job_problems(job: ImportJob, limit: int | None = SHOWN_PROBLEMS) -> list[Problem]:
    stored = job.problems if limit is None else job.problems[:limit]
    return [Problem.from_dict(data) for data in stored]


def job_changes(job: ImportJob, limit: int = 200) -> list[dict]:
    """Old → new per changed value, only the fields that changed (one query)."""
    rows = []
    for change in (ValueChange.objects.filter(job=job).select_related("value__indicator")
                   .order_by("pk")[:limit]):
        fields = [(name, change.old.get(name), change.new.get(name))
                  for name in change.new if change.old.get(name) != change.new.get(name)]
        rows.append({"value": change.value, "fields": fields})
    return rows


def summary_lines(job: ImportJob) -> list[str]:
    """The result in sentences, for the command line (the page uses the same figures)."""
    s = job.summary
    if not s:
        return []
    lines = [
        _("Rows read: %(n)s") % {"n": s["rows_read"]},
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
        lines += [f"  {name} ({code})" for name, code in s["unknown_units"]]
    if s["unknown_units"] and not (s["created"] or s["updated"] or s["unchanged"]):
        lines.append(_("No school in the file is in the portal; nothing was stored."))
    elif not s["created"] and not s["updated"]:
        lines.append(_("Nothing changed: the stored values already match the file."))
    if s.get("dry_run"):
        lines.append(_("Dry run: nothing was stored."))
    return lines
