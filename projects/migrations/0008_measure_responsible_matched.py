"""A measure's free-text «Ansvarlig» becomes the person it names when exactly one active user of the
plan's municipality (a user with a role there) has that full name (case and spaces aside); the text is
then emptied. Anything else (a team, «Skoleeierteamet»; no such user; two users of that name) keeps its
text, shown as before.

A data step of its own (not in 0007 with the new column): on PostgreSQL, rows changed in a migration
leave deferred foreign-key checks pending, and the schema could not be changed after them."""
from django.db import migrations


def _key(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def match_names(apps, schema_editor):
    Measure = apps.get_model("projects", "Measure")
    RoleAssignment = apps.get_model("laeringslop", "RoleAssignment")
    measures = list(Measure.objects.filter(responsible_person__isnull=True).exclude(responsible="")
                    .select_related("plan"))
    municipality_ids = {m.plan.municipality_id for m in measures}
    people = {}  # (municipality id, name key) → user ids
    for municipality_id, user_id, first, last in (
            RoleAssignment.objects.filter(municipality_id__in=municipality_ids, user__is_active=True)
            .values_list("municipality_id", "user_id", "user__first_name", "user__last_name").distinct()):
        key = _key(f"{first} {last}")
        if key:
            people.setdefault((municipality_id, key), set()).add(user_id)
    for measure in measures:
        found = people.get((measure.plan.municipality_id, _key(measure.responsible)), set())
        if len(found) == 1:
            measure.responsible_person_id = next(iter(found))
            measure.responsible = ""
            measure.save(update_fields=["responsible_person", "responsible"])


def names_back(apps, schema_editor):
    """Back: a measure with a person and no text gets the person's full name as its text."""
    Measure = apps.get_model("projects", "Measure")
    for measure in Measure.objects.filter(responsible_person__isnull=False).select_related("responsible_person"):
        person = measure.responsible_person
        text = " ".join(f"{person.first_name} {person.last_name}".split()) or person.username
        measure.responsible = measure.responsible or text[:150]
        measure.save(update_fields=["responsible"])


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0007_measure_responsible_person"),
        ("laeringslop", "0004_user_language"),
    ]

    operations = [
        migrations.RunPython(match_names, names_back),
    ]
