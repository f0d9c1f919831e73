"""Change history ("who changed what, and when") for any model with ``HistoricalRecords``."""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .concurrency import FIELD as VERSION

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    changes: list  # of (field label, old, new)
    reason: str = ""


def history_for(obj, limit: int = 25, parts=()) -> list[HistoryEntry]:
    """The newest changes of ``obj``, each with the fields that changed. Two queries.

    ``parts``: (historical records queryset, label function) for objects that belong to ``obj``
    and are edited with it (e.g. a self-assessment's answers): their changes are shown in the
    same list, each field labelled ``label(record)`` + the field's name, created ones with their
    values. One query more per part (plus what ``label`` needs).
    """
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = _entries(records, type(obj), limit)
    for history, label in parts:
        records = list(history.select_related("history_user").order_by("-history_date", "-history_id")[: limit * 4])
        by_object: dict = {}
        for record in records:
            by_object.setdefault(getattr(record, record.instance_type._meta.pk.attname), []).append(record)
        for group in by_object.values():
            entries += _entries(group, group[0].instance_type, limit, label=label, with_created=True)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _entries(records, model, limit, label=None, with_created=False) -> list[HistoryEntry]:
    """Entries from one object's records, newest first (each compared with the one before it)."""
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        prefix = f"{label(record)} – " if label else ""
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field == VERSION:
                    continue  # bookkeeping for edit forms (laeringslop.concurrency), not a change to show
                field = model._meta.get_field(change.field)
                if field.many_to_many or field.get_internal_type() == "JSONField":
                    # Lists and structured data do not read well as old → new; say that it changed.
                    changes.append((f"{prefix}{field.verbose_name}", None, None))
                    continue
                changes.append((f"{prefix}{field.verbose_name}", _display(field, change.old),
                                _display(field, change.new)))
        elif with_created and record.history_type == "+":
            for field in model._meta.concrete_fields:
                value = getattr(record, field.attname, None)
                if field.is_relation or field.primary_key or field.name == VERSION or value in (None, ""):
                    continue
                changes.append((f"{prefix}{field.verbose_name}", "–", _display(field, value)))
        if with_created and not changes:
            continue  # a part's record that changed nothing shown here
        if record.history_type == "~" and previous is not None and not changes and not record.history_change_reason:
            continue  # saved as it was (a form sent unchanged): nothing a reader would call a change
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
