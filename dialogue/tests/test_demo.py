"""The demo seed fills five years of values and two years of self-assessments, once."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from dialogue.models import Answer, Assessment, MirrorYear
from dialogue.selectors import current_school_year
from indicators.models import IndicatorValue
from laeringslop.models import User

pytestmark = pytest.mark.django_db


def _counts():
    return (IndicatorValue.objects.count(), Assessment.objects.count(), Answer.objects.count(),
            Assessment.history.count(), MirrorYear.history.count())


def test_demo_seed_is_plausible_and_idempotent(client):
    call_command("seed_demo")
    year = current_school_year()
    values = IndicatorValue.objects.filter(school_year__range=(year - 4, year))
    assert values.filter(level=4, unit__kind="school").values("unit").distinct().count() == 33
    assert values.filter(level=4, unit__kind="kindergarten").values("unit").distinct().count() == 20
    assert values.filter(level=3, area_code="9901").exists() and values.filter(level=1, area_code="I").exists()
    assert values.filter(suppressed=True).exists()
    assert not values.filter(suppressed=True, value__isnull=False).exists()
    reading = values.filter(indicator__code="NPLES05", level=4, value__isnull=False)
    assert all(35 < v < 65 for v in reading.values_list("value", flat=True))
    last, current = MirrorYear.objects.get(school_year=year - 1), MirrorYear.objects.get(school_year=year)
    assert set(last.assessments.values_list("status", flat=True)) == {"submitted"}
    assert last.assessments.filter(school__kind="school").count() == 33
    assert last.assessments.filter(school__kind="kindergarten").count() == 20
    statuses = list(current.assessments.filter(school__kind="school").values_list("status", flat=True))
    assert "draft" in statuses and "submitted" in statuses and len(statuses) < 33

    before = _counts()
    call_command("seed_demo")
    assert _counts() == before

    client.force_login(User.objects.get(username="rektor"))
    school_id = User.objects.get(username="rektor").role_assignments.get().unit_id
    response = client.get(reverse("dialogue:mirror", kwargs={"school_id": school_id, "year": year}))
    assert response.status_code == 200
    assert sum(len(g.rows) for g in response.context["groups"]) >= 5
    client.force_login(User.objects.get(username="direktor"))
    response = client.get(reverse("dialogue:dashboard"))
    assert len(response.context["rows"]) == 33
    assert sum(response.context["counts"].values()) == 33


def test_demo_answers_sit_under_their_questions_and_old_rows_are_repaired():
    from dialogue.demo import ANSWER_FOR, ANSWERS

    call_command("seed_demo")
    answers = Answer.objects.filter(text__in=ANSWERS).select_related("question")
    assert answers.exists()
    assert all(a.text == ANSWER_FOR[a.question.text] for a in answers)
    national_tests = answers.filter(question__text__startswith="Hva forteller resultatene på nasjonale prøver")
    assert national_tests.exists() and all("fellesmøte" in a.text for a in national_tests)

    # Rows written by the old seed (answers under the wrong questions) are put right in place, once.
    wrong = list(answers.filter(question__area="completion")[:3])
    for answer in wrong:
        answer.text = ANSWERS[0]
        answer.save()
    call_command("seed_demo")
    for answer in wrong:
        answer.refresh_from_db()
        assert answer.text == ANSWER_FOR[answer.question.text]
    before = (Answer.objects.count(), Answer.history.count())
    call_command("seed_demo")
    assert (Answer.objects.count(), Answer.history.count()) == before


def test_demo_kindergarten_head_has_a_home_panel_and_a_laeringsspeil_with_the_parent_survey(client):
    call_command("seed_demo")
    head = User.objects.get(username="styrer")
    kindergarten_id = head.role_assignments.get().unit_id
    client.force_login(head)
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Foreldrenes tilfredshet" in home and "Barnehagens egenvurdering" in home
    response = client.get(reverse("dialogue:mirror", kwargs={"school_id": kindergarten_id,
                                                             "year": current_school_year()}))
    page = response.content.decode()
    assert "Barnets trivsel" in page and "Språkkartlegging gjennomført" in page
    assert "Nasjonale prøver" not in page
