"""Change history ("who changed what, and when") for any model with ``HistoricalRecords``."""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    changes: list  # of (field label, old, new)
    reason: str = ""


def history_for(obj, limit: int = 25) -> list[HistoryEntry]:
    """The newest changes of ``obj``, each with the fields that changed. Two queries."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                if field.many_to_many or field.get_internal_type() == "JSONField":
                    # Lists and structured data do not read well as old → new; say that it changed.
                    changes.append((field.verbose_name, None, None))
                    continue
                changes.append((field.verbose_name, _display(field, change.old), _display(field, change.new)))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                action=CHANGE_TYPES.get(record.history_type, record.history_type),
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return entries


def _display(field, value):
    if value is None or value == "":
        return "–"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        try:
            return str(field.related_model._default_manager.get(pk=value))
        except field.related_model.DoesNotExist:
            return value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value
