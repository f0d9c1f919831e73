"""The plan's shared expectations («Forventningsblomsten») and their signs of quality: the write of
one expectation with its signs, and the reads for the plan page and the printable page."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from laeringslop import concurrency

from .models import Expectation, QualityPlan, SignOfQuality
from .services import plan_ensure_writable


@transaction.atomic
def expectation_save(*, form, plan: QualityPlan | None = None) -> Expectation:
    """Create or change an expectation and its signs of quality (``form.cleaned_data["signs"]``, in order).

    One version guards the expectation and its signs: a save over a newer one (its title, order or signs
    changed since the form was read) is refused with ``StaleVersion`` (code "stale"), listing what differs;
    nothing is written then. Every save counts a version, also one that only changed the signs. Refused
    with code "archived" in an archived plan."""
    expectation = form.save(commit=False)
    if plan is not None:
        expectation.plan = plan
    plan_ensure_writable(expectation.plan, lock=True)
    signs = list(form.cleaned_data.get("signs") or [])
    if expectation.pk is None:
        expectation.version = 1
    else:
        stored = concurrency.lock(Expectation, expectation.pk)
        version = form.cleaned_data.get(concurrency.FIELD)
        if stored is None:
            raise ValidationError(_("It has been deleted in the meantime."), code="stale")
        if version is not None and stored.version != version:
            stored_signs = list(SignOfQuality.objects.filter(expectation_id=expectation.pk)
                                .order_by("order", "pk").values_list("text", flat=True))
            extra = ([(str(_("Signs of quality")), concurrency.display("; ".join(stored_signs)),
                       concurrency.display("; ".join(signs)))] if stored_signs != signs else [])
            yours, labels = concurrency.form_values(form, expectation)
            concurrency.check(stored, version=version, yours=yours, labels=labels, extra=extra)
        expectation.version = stored.version + 1
    expectation.full_clean()
    expectation.save()
    _replace_signs(expectation, signs)
    return expectation


def _replace_signs(expectation: Expectation, signs: list[str]) -> None:
    """Keep the signs still listed (their history continues), renumber them, add the new, delete the rest."""
    existing = {sign.text: sign for sign in SignOfQuality.objects.filter(expectation=expectation)}
    for order, text in enumerate(signs, start=1):
        sign = existing.pop(text, None)
        if sign is None:
            SignOfQuality.objects.create(expectation=expectation, text=text, order=order)
        elif sign.order != order:
            sign.order = order
            sign.save(update_fields=["order"])
    for sign in existing.values():
        sign.delete()


def expectations_of(plan: QualityPlan):
    """The plan's expectations in order, each with its signs (two queries)."""
    return plan.expectations.prefetch_related(
        Prefetch("signs", queryset=SignOfQuality.objects.order_by("order", "pk")))


__all__ = ["expectation_save", "expectations_of", "expectations_for_year"]


def expectations_for_year(municipality_id, school_year: int):
    """The shared expectations of the municipality's quality plans running in ``school_year`` (the year it
    starts): what the year's self-assessment questions may refer to. In plan and expectation order."""
    return (Expectation.objects.filter(plan__municipality_id=municipality_id, plan__start_year__lte=school_year,
                                       plan__end_year__gte=school_year)
            .select_related("plan").order_by("plan__start_year", "plan__name", "order", "pk"))
