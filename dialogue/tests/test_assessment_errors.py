"""The self-assessment's rating scale is explained on the page, and a refused submit puts each problem
beside its question, with a summary at the top that links to each."""
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from dialogue import services
from dialogue.models import Assessment

from .test_assessment import _data, _url, year_setup  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_the_scale_is_explained_and_linked_to_the_rated_questions(client, year_setup):  # noqa: F811
    _m, school, _my, q1, _q2, rector = year_setup
    client.force_login(rector)
    html = client.get(_url(school)).content.decode()
    assert 'id="rating-scale"' in html and "1</strong> – I liten grad" in html and "4</strong> – I svært stor grad" in html
    assert html.count('aria-describedby="rating-scale"') == 1  # the fieldset of the one rated question's area
    assert '<option value="3">3 – I stor grad</option>' in html
    select = re.search(rf'<select name="q{q1.pk}_rating"[^>]*>', html).group(0)
    assert f'aria-describedby="id_q{q1.pk}_rating_helptext"' in select


def test_a_refused_submit_shows_each_problem_beside_its_question(client, year_setup):  # noqa: F811
    _m, school, _my, q1, q2, rector = year_setup
    q1.text, q2.text = "Hva forteller resultatene i lesing?", "Hvordan arbeider skolen mot mobbing?"
    q1.save(), q2.save()
    client.force_login(rector)
    response = client.post(_url(school), _data(q1, q2, t1="Framgang i lesing.", submit="1"))
    assert response.status_code == 200 and Assessment.objects.get().status == "draft"  # the draft is kept
    errors = response.context["form"].errors
    assert set(errors) == {f"q{q1.pk}_rating", f"q{q2.pk}_text", "staff_meeting_date", "staff_involvement"}
    html = response.content.decode()
    # The summary at the top: focusable, each problem a link to its field.
    summary = html[html.index('id="error-summary"'):html.index('id="questions-left"')]
    assert 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert (f'<a class="alert-link" href="#id_q{q2.pk}_text">Svar på spørsmålet «Hvordan arbeider skolen mot mobbing?».</a>'
            in summary)
    assert f'<a class="alert-link" href="#id_q{q1.pk}_rating">Gi en vurdering fra 1 til 4 for «Hva forteller' in summary
    # Beside the question: the field is marked invalid and describes itself with its error.
    field = re.search(rf'<textarea name="q{q2.pk}_text"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and f'id_q{q2.pk}_text_error' in field
    assert "js/error-summary.js" in html
    # The form carries the draft's version on: submitting the rest now works.
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    client.post(_url(school), _data(q1, q2, t1="Framgang i lesing.", r1="3", t2="Trygt miljø.",
                                    meeting=yesterday, staff="Fellesmøte.", submit="1"))
    assert Assessment.objects.get().status == "submitted"


def test_submit_refuses_by_field_with_the_code(year_setup):  # noqa: F811
    _m, school, mirror_year, q1, q2, rector = year_setup
    assessment = services.assessment_save(mirror_year=mirror_year, school=school, user=rector,
                                          answers={q1.pk: ("Svar.", None), q2.pk: ("Svar.", None)},
                                          staff_meeting_date=date.today(), staff_involvement="Møte.", version=0)
    with pytest.raises(ValidationError) as error:
        services.assessment_submit(assessment, user=rector)
    assert {field: [e.code for e in errors] for field, errors in error.value.error_dict.items()} == {
        f"q{q1.pk}_rating": ["incomplete"]}
