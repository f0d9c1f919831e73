"""Existing local indicators get their municipality (see assign_local_indicators)."""
from django.db import migrations

STAFF_ROLES = ("director", "adviser", "administrator")


def assign_local_indicators(apps, schema_editor):
    """Give every existing local indicator its municipality (see docs/architecture.md, "Tenancy").

    1. The municipalities whose Læringsspeil years use it, together with those of the schools that have
       values for it. One: that is its municipality.
    2. Several: each keeps what it saw. The first (by id) keeps the indicator; every other gets a copy
       (code «<code>-<kommunenummer>») and its years, its schools' values and its own municipality row
       are moved to the copy.
    3. None (no year, no value): the municipality of the person who created it, if they were staff of
       exactly one. Otherwise nobody can use it and it holds no data: it is deleted.
    """
    Indicator = apps.get_model("indicators", "Indicator")
    IndicatorValue = apps.get_model("indicators", "IndicatorValue")
    Municipality = apps.get_model("laeringslop", "Municipality")
    RoleAssignment = apps.get_model("laeringslop", "RoleAssignment")
    MirrorYear = apps.get_model("dialogue", "MirrorYear")
    Through = MirrorYear.indicators.through
    History = apps.get_model("indicators", "HistoricalIndicator")
    for indicator in Indicator.objects.filter(is_local=True, municipality__isnull=True).order_by("pk"):
        used = set(MirrorYear.objects.filter(indicators=indicator).values_list("municipality_id", flat=True))
        used |= set(IndicatorValue.objects.filter(indicator=indicator, unit__isnull=False)
                    .values_list("unit__municipality_id", flat=True))
        if not used:
            creator = (History.objects.filter(id=indicator.pk, history_type="+")
                       .values_list("history_user_id", flat=True).first())
            staff = set(RoleAssignment.objects.filter(user_id=creator, role__in=STAFF_ROLES)
                        .values_list("municipality_id", flat=True)) if creator else set()
            if len(staff) != 1:
                indicator.delete()
                continue
            used = staff
        first, *others = sorted(used)
        Indicator.objects.filter(pk=indicator.pk).update(municipality_id=first)
        for municipality_id in others:
            number = Municipality.objects.get(pk=municipality_id).number
            code = f"{indicator.code[:35]}-{number}"
            copy = Indicator.objects.create(
                code=code, name=indicator.name, area=indicator.area, source=indicator.source,
                unit_label=indicator.unit_label, scale_min=indicator.scale_min, scale_max=indicator.scale_max,
                direction=indicator.direction, grades=indicator.grades, is_shown=indicator.is_shown, is_local=True,
                sort_order=indicator.sort_order, description=indicator.description, municipality_id=municipality_id,
            )
            Through.objects.filter(indicator_id=indicator.pk, mirroryear__municipality_id=municipality_id) \
                .update(indicator_id=copy.pk)
            IndicatorValue.objects.filter(indicator=indicator, unit__municipality_id=municipality_id) \
                .update(indicator=copy)
            IndicatorValue.objects.filter(indicator=indicator, level=3, area_code=number).update(indicator=copy)


class Migration(migrations.Migration):
    dependencies = [
        ('indicators', '0009_municipality_of_imports_and_local_indicators'),
        ('dialogue', '0007_version'),
    ]

    operations = [
        migrations.RunPython(assign_local_indicators, migrations.RunPython.noop),
    ]
