"""The kindergartens taking part are fixed at publishing like the schools; their heads are told when the year
opens and reminded before the deadline; a unit opened later is added to a published year («Legg til enhet»)."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dialogue import services
from dialogue.models import Reminder
from dialogue.selectors.kindergartens import kindergarten_statuses
from dialogue.year_units import mirror_year_unit_add
from laeringslop.tests import clock
from laeringslop.tests import factories as f
from notices.models import Notice, NoticeKind

from . import factories as df

pytestmark = pytest.mark.django_db
YEAR = 2025
NB = {"HTTP_ACCEPT_LANGUAGE": "nb"}


@pytest.fixture
def town(monkeypatch):
    clock.freeze(monkeypatch, clock.at(date(YEAR, 12, 10), 9))
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality, name="Bjørkelia skole")
    kindergarten = f.KindergartenFactory(municipality=municipality, name="Blåbærtua barnehage")
    mirror_year = df.MirrorYearFactory(municipality=municipality, school_year=YEAR, status="draft",
                                       deadline=date(YEAR, 12, 15))
    df.QuestionFactory(mirror_year=mirror_year)
    df.QuestionFactory(mirror_year=mirror_year, applies_to="kindergarten", text="Hva gjør barnehagen?")
    return dict(municipality=municipality, school=school, kindergarten=kindergarten, mirror_year=mirror_year,
                rector=f.rector(school, username="rektor", email="rektor@example.invalid"),
                head=f.kindergarten_head(kindergarten, username="styrer", first_name="Siri", last_name="Styrer",
                                         email="styrer@example.invalid"),
                adviser=f.adviser(municipality, username="radgiver"))


def _publish(town):
    return services.mirror_year_publish(town["mirror_year"])


def _code(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.code


# --- Fixed at publishing ---------------------------------------------------------------------------
def test_publishing_fixes_the_kindergartens_so_one_opened_later_does_not_appear(town):
    mirror_year = _publish(town)
    later = f.KindergartenFactory(municipality=town["municipality"], name="Nyåpnet barnehage")
    names = [s.kindergarten.name for s in kindergarten_statuses(town["municipality"].pk, mirror_year, YEAR)]
    assert names == ["Blåbærtua barnehage"] and later.name not in names


def test_a_kindergarten_closed_after_publishing_stays_in_the_years_counts(town):
    mirror_year = _publish(town)
    town["kindergarten"].active = False
    town["kindergarten"].save()
    assert [s.kindergarten for s in kindergarten_statuses(town["municipality"].pk, mirror_year, YEAR)] == [
        town["kindergarten"]]


def test_before_publishing_the_kindergartens_taking_part_now_are_shown(town):
    later = f.KindergartenFactory(municipality=town["municipality"], name="Nyåpnet barnehage")
    statuses = kindergarten_statuses(town["municipality"].pk, town["mirror_year"], YEAR)
    assert later in [s.kindergarten for s in statuses]


# --- The kindergarten head is told and reminded ----------------------------------------------------
def test_publishing_tells_the_kindergarten_head_naming_the_kindergarten(town, mailoutbox,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _publish(town)
    mail = next(m for m in mailoutbox if m.to == ["styrer@example.invalid"])
    assert mail.subject == "Barnehagens egenvurdering i Læringsspeilet 2025-26 er åpnet"
    assert "barnehagens egenvurdering for Blåbærtua barnehage kan fylles ut nå. Fristen er 15.12.2025." in mail.body


def test_the_deadline_reminder_reaches_the_kindergarten_head_once_a_day(town, mailoutbox, monkeypatch):
    mirror_year = _publish(town)
    mailoutbox.clear()
    assert services.reminder_send(Reminder.objects.create(mirror_year=mirror_year).pk) == 2  # rector and head
    mail = next(m for m in mailoutbox if m.to == ["styrer@example.invalid"])
    assert mail.subject == "Påminnelse: barnehagens egenvurdering i Læringsspeilet 2025-26"
    assert ("Barnehagens egenvurdering for Blåbærtua barnehage i Læringsspeilet 2025-26 er ikke levert ennå. "
            "Fristen er 15.12.2025.") in mail.body
    assert f"/dialog/speil/{town['kindergarten'].pk}/{YEAR}/vurdering/" in mail.body
    notice = Notice.objects.get(kind=NoticeKind.ASSESSMENT_DEADLINE, recipient=town["head"])
    assert notice.event_key == f"{mirror_year.pk}:{town['kindergarten'].pk}:2025-12-10"
    # The same day: nobody again. The next day: a new reminder.
    assert services.reminder_send(Reminder.objects.create(mirror_year=mirror_year).pk) == 0
    clock.freeze(monkeypatch, clock.at(date(YEAR, 12, 11), 9))
    assert services.reminder_send(Reminder.objects.create(mirror_year=mirror_year).pk) == 2


def test_a_kindergarten_that_has_submitted_is_not_reminded(town, mailoutbox):
    mirror_year = _publish(town)
    df.AssessmentFactory(mirror_year=mirror_year, school=town["kindergarten"], status="submitted",
                         submitted_at=clock.at(date(YEAR, 12, 1), 12))
    mailoutbox.clear()
    services.reminder_send(Reminder.objects.create(mirror_year=mirror_year).pk)
    assert [m.to for m in mailoutbox] == [["rektor@example.invalid"]]


def test_a_kindergarten_opened_after_publishing_is_not_reminded_until_it_is_added(town, mailoutbox):
    mirror_year = _publish(town)
    later = f.KindergartenFactory(municipality=town["municipality"], name="Nyåpnet barnehage")
    f.kindergarten_head(later, email="ny@example.invalid")
    assert services.reminder_due_counts(mirror_year) == {"rectors": 1, "heads": 1}
    mirror_year_unit_add(mirror_year=mirror_year, unit=later, user=town["adviser"])
    assert services.reminder_due_counts(mirror_year) == {"rectors": 1, "heads": 2}


def test_the_status_page_sends_the_reminder_to_rectors_and_heads(client, town, mailoutbox,
                                                                 django_capture_on_commit_callbacks):
    _publish(town)
    client.force_login(town["adviser"])
    status = reverse("dialogue:year_status", kwargs={"year": YEAR})
    html = client.get(status, **NB).content.decode()
    assert "Send påminnelse på e-post til rektorene og styrerne som ikke har levert" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dialogue:year_remind", kwargs={"year": YEAR}), **NB)
    html = client.get(response.url, **NB).content.decode()  # after the task has sent it
    assert "Påminnelsen sendes til 1 rektor og 1 styrer som ikke har levert." in html
    assert "Siste påminnelse ble sendt" in html and "til 2 rektorer og styrere" in html


# --- Adding a unit to a published year: the service ------------------------------------------------
def test_adding_a_new_school_makes_it_take_part_and_tells_its_rector_once(town, mailoutbox,
                                                                          django_capture_on_commit_callbacks):
    mirror_year = _publish(town)
    new = f.SchoolFactory(municipality=town["municipality"], name="Nyåpnet skole")
    rector = f.rector(new, email="ny-rektor@example.invalid")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mirror_year_unit_add(mirror_year=mirror_year, unit=new, user=town["adviser"])
    assert new in mirror_year.schools.all()
    assert [m.to for m in mailoutbox] == [["ny-rektor@example.invalid"]]
    assert "egenvurderingen til Nyåpnet skole kan fylles ut nå" in mailoutbox[0].body
    assert Notice.objects.get(kind=NoticeKind.YEAR_PUBLISHED, recipient=rector).event_key == \
        f"{mirror_year.pk}:{new.pk}"


def test_adding_a_new_kindergarten_puts_it_in_the_kindergartens_not_the_schools(town):
    mirror_year = _publish(town)
    new = f.KindergartenFactory(municipality=town["municipality"], name="Nyåpnet barnehage")
    mirror_year_unit_add(mirror_year=mirror_year, unit=new, user=town["adviser"])
    assert new in mirror_year.kindergartens.all() and new not in mirror_year.schools.all()
    assert new in [s.kindergarten for s in kindergarten_statuses(town["municipality"].pk, mirror_year, YEAR)]


def test_a_unit_already_in_the_year_is_refused(town):
    mirror_year = _publish(town)
    assert _code(lambda: mirror_year_unit_add(mirror_year=mirror_year, unit=town["kindergarten"],
                                              user=town["adviser"])) == "already_taking_part"


def test_another_municipalitys_unit_is_refused(town):
    mirror_year = _publish(town)
    foreign = f.SchoolFactory(municipality=f.MunicipalityFactory(number="9902"), name="Fjell skole")
    assert _code(lambda: mirror_year_unit_add(mirror_year=mirror_year, unit=foreign,
                                              user=town["adviser"])) == "other_municipality"
    assert foreign not in mirror_year.schools.all()


def test_a_year_being_set_up_is_refused(town):
    new = f.SchoolFactory(municipality=town["municipality"])
    assert _code(lambda: mirror_year_unit_add(mirror_year=town["mirror_year"], unit=new,
                                              user=town["adviser"])) == "not_published"


def test_a_year_whose_school_year_is_over_is_refused(town, monkeypatch):
    mirror_year = _publish(town)
    new = f.SchoolFactory(municipality=town["municipality"])
    clock.freeze(monkeypatch, clock.at(date(YEAR + 1, 8, 1), 9))  # 2025-26 ended on 31 July
    assert _code(lambda: mirror_year_unit_add(mirror_year=mirror_year, unit=new, user=town["adviser"])) == "year_over"


def test_a_closed_unit_is_refused(town):
    mirror_year = _publish(town)
    closed = f.SchoolFactory(municipality=town["municipality"], active=False)
    assert _code(lambda: mirror_year_unit_add(mirror_year=mirror_year, unit=closed,
                                              user=town["adviser"])) == "not_taking_part"


def test_a_service_unit_is_refused(town):
    mirror_year = _publish(town)
    office = f.UnitFactory(municipality=town["municipality"], kind="service", first_grade=None, last_grade=None)
    assert _code(lambda: mirror_year_unit_add(mirror_year=mirror_year, unit=office,
                                              user=town["adviser"])) == "not_school_or_kindergarten"


# --- The pages ---------------------------------------------------------------------------------------
def test_the_setup_page_of_a_published_year_links_add_a_unit(client, town):
    _publish(town)
    client.force_login(town["adviser"])
    html = client.get(reverse("dialogue:year_setup", kwargs={"year": YEAR}), **NB).content.decode()
    assert "Skoler og barnehager som deltar" in html and "Deltar: 1 skoler og 1 barnehager" in html
    assert "Legg til enhet" in html and reverse("dialogue:year_units", kwargs={"year": YEAR}) in html


def test_the_list_shows_only_units_not_in_the_year(client, town):
    _publish(town)
    f.rector(f.SchoolFactory(municipality=town["municipality"], name="Nyåpnet skole"), first_name="Nora",
             last_name="Ny")
    f.KindergartenFactory(municipality=town["municipality"], name="Nyåpnet barnehage")
    client.force_login(town["adviser"])
    html = client.get(reverse("dialogue:year_units", kwargs={"year": YEAR}), **NB).content.decode()
    assert "Nyåpnet skole" in html and "Nora Ny" in html and "Nyåpnet barnehage" in html
    assert "Bjørkelia skole" not in html and "Blåbærtua barnehage" not in html
    assert "Skoler som ikke er med i året" in html and "Barnehager som ikke er med i året" in html


def test_confirming_adds_the_kindergarten_and_says_so(client, town):
    _publish(town)
    new = f.KindergartenFactory(municipality=town["municipality"], name="Nyåpnet barnehage")
    f.kindergarten_head(new, first_name="Per", last_name="Styrer")
    client.force_login(town["adviser"])
    url = reverse("dialogue:year_unit_add", kwargs={"year": YEAR, "unit_id": new.pk})
    html = client.get(url, **NB).content.decode()
    assert "Legg til Nyåpnet barnehage i Læringsspeilet 2025-26" in html
    assert "styreren svarer på barnehagenes spørsmål" in html and "Per Styrer" in html
    assert new not in town["mirror_year"].kindergartens.all()  # the GET asks, it does not add
    response = client.post(url, follow=True, **NB)
    assert response.redirect_chain[-1][0] == reverse("dialogue:year_setup", kwargs={"year": YEAR})
    assert "Nyåpnet barnehage er med i Læringsspeilet 2025-26 fra nå av" in response.content.decode()
    assert new in town["mirror_year"].kindergartens.all()


def test_confirming_a_unit_without_a_leader_says_nobody_was_told(client, town):
    _publish(town)
    new = f.KindergartenFactory(municipality=town["municipality"], name="Uten styrer barnehage")
    client.force_login(town["adviser"])
    url = reverse("dialogue:year_unit_add", kwargs={"year": YEAR, "unit_id": new.pk})
    response = client.post(url, follow=True, **NB)
    assert "Den har ingen leder i portalen ennå, så ingen fikk beskjed." in response.content.decode()


def test_confirming_a_unit_already_in_the_year_says_so_and_adds_nothing(client, town):
    _publish(town)
    client.force_login(town["adviser"])
    url = reverse("dialogue:year_unit_add", kwargs={"year": YEAR, "unit_id": town["school"].pk})
    response = client.post(url, follow=True, **NB)
    assert "Bjørkelia skole er allerede med i Læringsspeilet 2025-26." in response.content.decode()
    assert town["mirror_year"].schools.count() == 1


def test_another_municipalitys_unit_is_404_on_the_page(client, town):
    _publish(town)
    foreign = f.SchoolFactory(municipality=f.MunicipalityFactory(number="9902"), name="Fjell skole")
    client.force_login(town["adviser"])
    url = reverse("dialogue:year_unit_add", kwargs={"year": YEAR, "unit_id": foreign.pk})
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404


def test_a_rector_may_not_add_a_unit(client, town):
    _publish(town)
    new = f.SchoolFactory(municipality=town["municipality"])
    client.force_login(town["rector"])
    assert client.post(reverse("dialogue:year_unit_add", kwargs={"year": YEAR, "unit_id": new.pk})).status_code == 403
    assert new not in town["mirror_year"].schools.all()


def test_the_list_queries_do_not_grow(client, town, django_assert_max_num_queries):
    _publish(town)
    client.force_login(town["adviser"])
    url = reverse("dialogue:year_units", kwargs={"year": YEAR})

    def add(n):
        for _ in range(n):
            f.rector(f.SchoolFactory(municipality=town["municipality"]))
            f.kindergarten_head(f.KindergartenFactory(municipality=town["municipality"]))

    add(2)
    with django_assert_max_num_queries(30) as small:
        assert len(client.get(url).context["to_add"]["schools"]) == 2
    add(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(url).context["to_add"]["kindergartens"]) == 22


# --- A unit not in the published year does not answer until it is added -----------------------------
def test_a_unit_opened_after_publishing_cannot_save_its_self_assessment(town):
    mirror_year = _publish(town)
    later = f.KindergartenFactory(municipality=town["municipality"], name="Nyåpnet barnehage")
    head = f.kindergarten_head(later)
    question = mirror_year.questions_for(later).get()
    save = lambda: services.assessment_save(mirror_year=mirror_year, school=later, user=head,  # noqa: E731
                                            answers={question.pk: ("Svar", 2)})
    assert _code(save) == "not_taking_part"
    mirror_year_unit_add(mirror_year=mirror_year, unit=later, user=town["adviser"])
    assert save().school == later


def test_the_heads_page_says_the_kindergarten_is_not_in_the_year_and_shows_no_form(client, town):
    _publish(town)
    later = f.KindergartenFactory(municipality=town["municipality"], name="Nyåpnet barnehage")
    client.force_login(f.kindergarten_head(later))
    html = client.get(reverse("dialogue:assessment", kwargs={"school_id": later.pk, "year": YEAR}),
                      **NB).content.decode()
    assert "Nyåpnet barnehage er ikke blant enhetene som deltar i Læringsspeilet 2025-26" in html
    assert 'name="staff_involvement"' not in html
