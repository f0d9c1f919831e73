"""Migration 0008: a measure's free-text «Ansvarlig» becomes the person it names when exactly one active
user of the plan's municipality has that full name; otherwise the text stays as it was."""
from datetime import date

import pytest

from laeringslop.tests.migrations import migrate_to, migrate_to_newest

pytestmark = pytest.mark.django_db(transaction=True)


def test_names_that_match_one_user_become_the_person_and_the_rest_keep_their_text():
    apps = migrate_to("projects", "0007_measure_responsible_person")
    Municipality = apps.get_model("laeringslop", "Municipality")
    User = apps.get_model("laeringslop", "User")
    RoleAssignment = apps.get_model("laeringslop", "RoleAssignment")
    QualityPlan = apps.get_model("projects", "QualityPlan")
    Measure = apps.get_model("projects", "Measure")

    home, away = (Municipality.objects.create(number=n, name=f"Kommune {n}") for n in ("4611", "4612"))

    def person(username, first, last, municipality, active=True):
        user = User.objects.create(username=username, first_name=first, last_name=last, is_active=active)
        RoleAssignment.objects.create(user=user, role="adviser", municipality=municipality)
        return user

    siri = person("siri", "Siri", "Strand", home)
    person("kari1", "Kari", "Berg", home)
    person("kari2", "Kari", "Berg", home)
    person("ola-borte", "Ola", "Moen", away)  # the only Ola Moen works in another municipality
    person("tidligere", "Tore", "Tangen", home, active=False)
    plan = QualityPlan.objects.create(municipality=home, name="Plan", start_year=2024, end_year=2027)

    def measure(title, responsible):
        return Measure.objects.create(plan=plan, title=title, responsible=responsible, starts_on=date(2024, 8, 15))

    one = measure("Én treff", "  siri  STRAND ")
    two = measure("To treff", "Kari Berg")
    team = measure("Et team", "Skoleeierteamet")
    elsewhere = measure("Annen kommune", "Ola Moen")
    gone = measure("Sluttet", "Tore Tangen")

    migrate_to_newest()

    from projects.models import Measure as Current

    rows = {m.pk: (m.responsible_person_id, m.responsible) for m in Current.objects.all()}
    assert rows[one.pk] == (siri.pk, "")
    assert rows[two.pk] == (None, "Kari Berg")
    assert rows[team.pk] == (None, "Skoleeierteamet")
    assert rows[elsewhere.pk] == (None, "Ola Moen")
    assert rows[gone.pk] == (None, "Tore Tangen")
