"""Writes for a municipality's local indicators."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from laeringslop import concurrency


@transaction.atomic
def local_indicator_save(form, *, municipality) -> object:
    """Save a local indicator of ``municipality`` from its form (always local, source 'local').

    A new indicator becomes the municipality's; an existing one of another municipality is refused
    (code "other_municipality": the views answer 404 before that). A change over a newer version
    than the form's is refused with ``StaleVersion`` (code "stale")."""
    indicator = form.save(commit=False)
    if municipality is None:
        raise ValidationError(_("Choose the municipality the local indicator belongs to."),
                              code="municipality_required")
    if indicator.pk and indicator.municipality_id != municipality.pk:
        raise ValidationError(_("The local indicator belongs to another municipality."), code="other_municipality")
    indicator.is_local = True
    indicator.source = "local"
    indicator.municipality = municipality
    concurrency.claim(indicator, version=form.cleaned_data.get(concurrency.FIELD), form=form,
                      yours={"grades": indicator.grades}, labels={"grades": form.fields["grades_text"].label})
    indicator.full_clean()
    indicator.save()
    return indicator
