"""Self-assessment questions that refer to a shared expectation of the municipality's current quality plan:
the set-up offers them and refuses others (code "other_plan"); the self-assessment page and the dialogue
report show the school's answers grouped under the expectations, the rest under «Andre spørsmål»."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from dialogue import selectors, services
from dialogue.forms import MirrorYearForm, QuestionFormSet
from dialogue.models import DialogueReport, MirrorYear, Question
from dialogue.reports import TEMPLATE
from laeringslop.tests import factories as f
from projects.models import Expectation
from projects.tests import factories as pf

from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def town():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole", first_grade=1, last_grade=10)
    plan = pf.PlanFactory(municipality=municipality, name="Kvalitetsplan Elvedal", start_year=2025, end_year=2029)
    old_plan = pf.PlanFactory(municipality=municipality, name="Gammel plan", start_year=2016, end_year=2020)
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR, indicator_codes=["NPLES05"])
    return {
        "municipality": municipality, "school": school, "plan": plan, "mirror_year": mirror_year,
        "vfl": pf.ExpectationFactory(plan=plan, title="Vurdering for læring", order=2,
                                     signs=["Elevene vet hva de skal lære"]),
        "pf": pf.ExpectationFactory(plan=plan, title="Profesjonsfellesskap", order=1, signs=[]),
        "old": pf.ExpectationFactory(plan=old_plan, title="Utgått forventning"),
        "foreign": pf.ExpectationFactory(plan=pf.PlanFactory(start_year=2025, end_year=2029),
                                         title="Fremmed forventning"),
    }


def _answered(town):
    mirror_year, school = town["mirror_year"], town["school"]
    q_vfl = df.QuestionFactory(mirror_year=mirror_year, order=10, text="Hvordan får elevene vite målene?",
                               expectation=town["vfl"])
    q_other = df.QuestionFactory(mirror_year=mirror_year, order=20, text="Hvilken støtte ønsker skolen?")
    q_pf = df.QuestionFactory(mirror_year=mirror_year, order=30, text="Hvordan deler lærerne praksis?",
                              expectation=town["pf"])
    assessment = df.AssessmentFactory(mirror_year=mirror_year, school=school, status="submitted",
                                      submitted_at=timezone.now(), staff_meeting_date=date(YEAR, 11, 20))
    for question, text in [(q_vfl, "Målene står på tavla."), (q_other, "Veiledning i analyse."),
                           (q_pf, "Vi hospiterer hos hverandre.")]:
        df.AnswerFactory(assessment=assessment, question=question, text=text)
    return assessment


def test_the_setup_offers_the_current_plans_expectations_only(town):
    form = QuestionFormSet(instance=town["mirror_year"], prefix="questions").forms[0]
    offered = [label for value, label in form.fields["expectation"].choices if value]
    assert offered == ["Profesjonsfellesskap", "Vurdering for læring"]


def test_the_setup_page_saves_a_questions_expectation(client, town):
    mirror_year = town["mirror_year"]
    client.force_login(f.adviser(town["municipality"]))
    data = {"deadline": "2025-12-15", "indicators": list(mirror_year.indicators.values_list("pk", flat=True)),
            "introduction": "", "version": mirror_year.version, "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0", "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
            "questions-0-area": "learning_results", "questions-0-text": "Hvordan får elevene vite målene?",
            "questions-0-order": "10", "questions-0-expectation": town["vfl"].pk}
    response = client.post(reverse("dialogue:year_setup", kwargs={"year": YEAR}), data)
    assert response.status_code == 302
    assert Question.objects.get(mirror_year=mirror_year).expectation == town["vfl"]


def test_the_setup_refuses_another_municipalitys_expectation_in_norwegian(client, town):
    mirror_year = town["mirror_year"]
    client.force_login(f.adviser(town["municipality"]))
    data = {"deadline": "2025-12-15", "indicators": list(mirror_year.indicators.values_list("pk", flat=True)),
            "introduction": "", "version": mirror_year.version, "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0", "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
            "questions-0-area": "learning_results", "questions-0-text": "Et spørsmål her?",
            "questions-0-order": "10", "questions-0-expectation": town["foreign"].pk}
    response = client.post(reverse("dialogue:year_setup", kwargs={"year": YEAR}), data)
    assert response.status_code == 200
    assert "Velg en forventning i kommunens gjeldende kvalitetsplan." in response.content.decode()
    assert not Question.objects.filter(mirror_year=mirror_year).exists()


def test_the_service_refuses_an_expectation_of_a_plan_not_running_that_year(town):
    mirror_year = MirrorYear.objects.get(pk=town["mirror_year"].pk)
    data = {"deadline": "2025-12-15", "indicators": list(mirror_year.indicators.values_list("pk", flat=True)),
            "introduction": "", "version": mirror_year.version, "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0", "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
            "questions-0-area": "learning_results", "questions-0-text": "Et spørsmål her?",
            "questions-0-order": "10", "questions-0-expectation": town["old"].pk}
    form = MirrorYearForm(data, instance=mirror_year)
    formset = QuestionFormSet(data, instance=mirror_year, prefix="questions")
    formset.forms[0].fields["expectation"].queryset = Expectation.objects.all()  # a forged form
    assert form.is_valid() and formset.is_valid(), (form.errors, formset.errors)
    with pytest.raises(ValidationError) as refused:
        services.mirror_year_setup_save(form, formset)
    assert refused.value.code == "other_plan"
    assert "Spørsmål 1 viser til «Utgått forventning»" in refused.value.messages[0]
    assert not Question.objects.filter(mirror_year=mirror_year).exists()


def test_a_new_year_keeps_the_expectation_while_its_plan_runs(town):
    df.QuestionFactory(mirror_year=town["mirror_year"], text="Hvordan får elevene vite målene?",
                       expectation=town["vfl"])
    new = services.mirror_year_create(municipality=town["municipality"], school_year=YEAR + 1)
    assert new.questions.get().expectation == town["vfl"]


def test_answers_are_grouped_under_the_expectations_in_the_plans_order_then_other_questions(town):
    assessment = _answered(town)
    groups = selectors.question_items(town["mirror_year"], assessment)
    assert [(g.label, [item.answer.text for item in g.rows]) for g in groups] == [
        ("Profesjonsfellesskap", ["Vi hospiterer hos hverandre."]),
        ("Vurdering for læring", ["Målene står på tavla."]),
        ("Andre spørsmål", ["Veiledning i analyse."]),
    ]
    assert groups[1].signs == ["Elevene vet hva de skal lære"]


def test_without_expectations_the_answers_stay_grouped_by_area(town):
    df.QuestionFactory(mirror_year=town["mirror_year"], area="learning_environment", text="Hvordan er miljøet?")
    groups = selectors.question_items(town["mirror_year"], None)
    assert [g.code for g in groups] == ["learning_environment"]


def test_the_dialogue_report_shows_the_answers_under_the_expectations(town):
    _answered(town)
    report = DialogueReport.objects.create(mirror_year=town["mirror_year"], school=town["school"])
    html = render_to_string(TEMPLATE, selectors.report_context(report, timezone.now()))
    answers = html[html.index('id="qa-expectation-'):]
    assert answers.index(">Profesjonsfellesskap</h3>") < answers.index("Vi hospiterer hos hverandre.")
    assert answers.index(">Vurdering for læring</h3>") < answers.index("Målene står på tavla.")
    assert answers.index(">Andre spørsmål</h3>") < answers.index("Veiledning i analyse.")
    assert "Elevene vet hva de skal lære" in answers  # the expectation's sign of quality beside its answers


def test_the_self_assessment_page_shows_the_answers_under_the_expectations(client, town):
    _answered(town)
    client.force_login(f.rector(town["school"]))
    html = client.get(reverse("dialogue:assessment", kwargs={"school_id": town["school"].pk, "year": YEAR})
                      ).content.decode()
    assert html.index("Profesjonsfellesskap</h2>") < html.index("Vurdering for læring</h2>") \
        < html.index("Andre spørsmål</h2>")
    assert "Kjennetegn på kvalitet" in html
