"""Lost updates: every edited row carries a version, and a save over a newer version is refused.

One mechanism for the whole portal:

- ``Versioned``: an abstract model with ``version`` (1 for a new row), bumped by every save that
  goes through a service (also status changes made by buttons, e.g. a milestone marked done).
- ``VersionFormMixin``: an edit form carries the version it was read at in a hidden field
  (0 for a row that did not exist yet).
- ``claim()`` / ``check()``: inside the service's transaction, lock the stored row
  (``select_for_update``), compare versions and raise ``StaleVersion`` (a ``ValidationError``
  with code ``"stale"``) listing what differs — field label: the value now stored vs. the value
  in the form — or set the next version for the save. Nothing is written on a refusal.
- ``show_stale()``: the view puts the refusal on the form and moves its hidden version on, so the
  form is shown again with the user's input and a second, deliberate save replaces the stored values.

A caller that passes ``version=None`` (the demo seed, tasks, tests of other rules) is not checked.
"""
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.formats import date_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

FIELD = "version"

STALE_HEADLINE = _("Someone else saved a newer version while you were editing, so nothing was saved. "
                   "What differs is listed below (the value now stored, then the value in your form); "
                   "your input is kept in the form. Save again to replace the stored values with yours.")
STALE_CHANGE = _("%(field)s: now stored «%(stored)s», in your form «%(yours)s».")
STALE_NO_FIELD = _("The fields in your form match what is now stored; something else about it has changed "
                   "(for example its status).")


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False,
                                          help_text=_("Counts the saves; an edit form carries the one it read."))

    class Meta:
        abstract = True


class StaleVersion(ValidationError):
    """A save over a newer version. ``changes``: (label, stored, yours) as text; ``current_version``."""

    def __init__(self, *, changes, current_version: int):
        lines = [ValidationError(STALE_HEADLINE, code="stale")]
        lines += [ValidationError(STALE_CHANGE, code="stale",
                                  params={"field": label, "stored": stored, "yours": yours})
                  for label, stored, yours in changes] or [ValidationError(STALE_NO_FIELD, code="stale")]
        super().__init__(lines)
        self.code = "stale"
        self.changes = list(changes)
        self.current_version = current_version


def display(value) -> str:
    """A stored or entered value as a person reads it."""
    if value is None or value == "" or value == [] or value == set():
        return "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(sorted(display(v) for v in value))
    return Truncator(str(value)).chars(80)


def _value(obj, field):
    """(comparable, shown) for one model field of ``obj``."""
    if field.many_to_many:
        items = list(getattr(obj, field.name).all()) if obj.pk else []
        return {item.pk for item in items}, display({str(item) for item in items})
    raw = getattr(obj, field.attname)
    if field.is_relation:
        return raw, display(getattr(obj, field.name) if raw is not None else None)
    if field.choices:
        return raw, display(dict(field.flatchoices).get(raw, raw))
    return raw, display(raw)


def check(stored, *, version, yours: dict, labels: dict | None = None, extra=()) -> None:
    """Refuse unless the locked row ``stored`` is still at ``version``.

    ``yours`` maps field names to the values the user sent (model instances for foreign keys);
    ``labels`` overrides the model's verbose names. ``version=None`` checks nothing; ``0`` means
    "read before the row existed", so any stored row is newer. ``extra``: more (label, stored, yours)
    differences the caller found (e.g. in rows edited with this one).
    """
    if version is None or (stored is not None and stored.version == version):
        return
    if stored is None:  # read at a version that no longer exists: the row is gone
        raise ValidationError(_("It has been deleted in the meantime."), code="stale")
    labels = labels or {}
    meta = stored._meta
    changes = []
    for name, value in yours.items():
        field = meta.get_field(name)
        now, shown = _value(stored, field)
        if field.many_to_many:
            mine = {getattr(v, "pk", v) for v in (value or [])}
            mine_shown = display({str(v) for v in (value or [])})
        elif field.is_relation:
            mine = getattr(value, "pk", value)
            mine_shown = display(value)
        else:
            mine = value
            mine_shown = display(dict(field.flatchoices).get(value, value) if field.choices else value)
        if now != mine and not (now in (None, "") and mine in (None, "")):
            changes.append((str(labels.get(name) or capfirst(field.verbose_name)), shown, mine_shown))
    raise StaleVersion(changes=[*changes, *extra], current_version=stored.version)


def lock(model, pk):
    """The stored row, locked until the transaction ends (None if it is gone)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() needs a transaction: call it from a service under transaction.atomic")
    return model._base_manager.select_for_update().filter(pk=pk).first()


def bump(obj, update_fields=None):
    """Count one more save of ``obj`` (a row about to be saved in the caller's transaction): the stored
    version, locked, plus one — never the version in memory, which may be old. Returns ``update_fields``
    with the version added (if given). Status changes made by buttons call this too."""
    stored = lock(type(obj), obj.pk)
    obj.version = (stored.version if stored is not None else obj.version or 0) + 1
    return None if update_fields is None else [*update_fields, FIELD]


def form_values(form, obj) -> tuple[dict, dict]:
    """The values of ``form``'s model fields as set on ``obj`` (its unsaved instance), and their labels."""
    meta = obj._meta
    names = [name for name in form.fields if name != FIELD and _is_field(meta, name)]
    yours = {}
    for name in names:
        field = meta.get_field(name)
        yours[name] = (form.cleaned_data.get(name) if field.many_to_many
                       else getattr(obj, field.name if field.is_relation else field.attname))
    return yours, {name: form.fields[name].label for name in names if form.fields[name].label}


def _is_field(meta, name) -> bool:
    try:
        field = meta.get_field(name)
    except Exception:  # a form-only field (e.g. attachments)
        return False
    return getattr(field, "concrete", False) or field.many_to_many


def claim(obj, *, version, form=None, yours: dict | None = None, labels: dict | None = None):
    """For a service about to save ``obj`` (an existing row with new values set on it): lock its stored
    row, refuse if it is newer than ``version`` and give ``obj`` the next version. Returns the stored row.

    The values compared come from ``form`` (its model fields) or ``yours``.
    """
    if obj.pk is None or obj._state.adding:
        obj.version = 1
        return None
    stored = lock(type(obj), obj.pk)
    if form is not None:
        from_form, form_labels = form_values(form, obj)
        yours, labels = {**from_form, **(yours or {})}, {**form_labels, **(labels or {})}
    check(stored, version=version, yours=yours or {}, labels=labels)
    obj.version = stored.version + 1
    return stored


class VersionFormMixin:
    """Adds a hidden ``version``: the version of the row the form was read at (0 for a new row).

    The row is ``self.instance`` (model forms) or what ``versioned_object()`` returns.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        obj = self.versioned_object()
        self._edits_row = obj is not None and obj.pk is not None
        self.fields[FIELD] = forms.IntegerField(
            widget=forms.HiddenInput, min_value=0, required=False, initial=obj.version if self._edits_row else 0,
            error_messages={"invalid": _("The form's version is not valid. Reload the page.")})

    def clean_version(self):
        value = self.cleaned_data.get(FIELD)
        if value is None and self._edits_row:  # an edit must say what it was read at (a new row need not)
            # Above the form, not on the hidden field (whose errors the form templates do not show).
            self.add_error(None, forms.ValidationError(_("The form lacks the version it was read at. Reload the "
                                                         "page and enter your changes again."), code="required"))
        return value

    def versioned_object(self):
        return getattr(self, "instance", None)

    @property
    def read_version(self) -> int | None:
        return self.cleaned_data.get(FIELD) if hasattr(self, "cleaned_data") else None

    def move_version_on(self, version: int) -> None:
        """After a refusal: the form shown again carries the stored version, so saving again replaces it."""
        data = self.data.copy()
        data[self.add_prefix(FIELD)] = str(version)
        self.data = data


def show_stale(form, error: ValidationError) -> bool:
    """If ``error`` is a refusal, put it on ``form`` (above the fields) and move its version on; True then."""
    if not isinstance(error, StaleVersion):
        return False
    form.add_error(None, error)
    if isinstance(form, VersionFormMixin):
        form.move_version_on(error.current_version)
    return True
