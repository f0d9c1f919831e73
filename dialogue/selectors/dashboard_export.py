"""The dashboard as a spreadsheet: what the table shows (same filters and sort), reference rows first."""
from django.utils.translation import gettext as _

from ..models import AssessmentStatus


def _value(dash_cell):
    """A number stays a number; suppressed is «*»; no data is an empty cell."""
    cell = dash_cell.cell
    if cell.suppressed:
        return "*"
    return cell.number if cell.has_value else ""


def _verdict(dash_cell) -> str:
    return str(dash_cell.verdict.text) if dash_cell.verdict and dash_cell.cell.has_value else ""


def dashboard_export_table(data: dict) -> tuple[list, list]:
    """The header and rows of the dashboard ``data`` (see selectors.dashboard): a value column and a
    «compared with the nation» column per indicator."""
    header = [_("School"), _("Region"), _("Self-assessment")]
    for indicator in data["indicators"]:
        header += [indicator.display_name, _("%(name)s: compared with the nation") % {"name": indicator.display_name}]
    statuses = dict(AssessmentStatus.choices)
    rows = []
    for reference in data["references"]:
        row = [reference.label, "", ""]
        for cell in reference.cells:
            row += [_value(cell), _verdict(cell)]
        rows.append(row)
    for school_row in data["rows"]:
        region = school_row.school.region
        row = [school_row.school.name, region.name if region else "", str(statuses.get(school_row.status, ""))]
        for cell in school_row.cells:
            row += [_value(cell), _verdict(cell)]
        rows.append(row)
    return header, rows
