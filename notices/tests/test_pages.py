"""The «Varsler» pages: a person's own notices (newest first, paged), the unread count in the menu,
marking read, and the e-mail settings per kind."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laeringslop.tenancy import SESSION_KEY
from laeringslop.tests import factories as f
from notices import services
from notices.models import Notice, NoticeKind, NoticePreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    return {"municipality": municipality, "elsewhere": f.MunicipalityFactory(name="Fjellbygd", number="9902"),
            "adviser": f.adviser(municipality, username="radgiver"),
            "colleague": f.adviser(municipality, username="kollega")}


def _notice(user, municipality, subject, *, minutes_ago=0, read=False, kind=NoticeKind.TASK_ASSIGNED):
    at = timezone.now() - timedelta(minutes=minutes_ago)
    return Notice.objects.create(kind=kind, event_key=f"{subject}:{minutes_ago}", recipient=user,
                                 municipality=municipality, language="nb", subject=subject, body=f"Tekst: {subject}",
                                 url="/dialog/mine-oppgaver/", created_at=at, read_at=at if read else None)


def test_the_list_shows_my_own_notices_newest_first_in_norwegian(client, town):
    me = town["adviser"]
    _notice(me, town["municipality"], "Eldre oppgave", minutes_ago=60, read=True)
    _notice(me, town["municipality"], "Ny oppgave", minutes_ago=1)
    _notice(town["colleague"], town["municipality"], "Kollegaens oppgave")
    client.force_login(me)
    html = client.get(reverse("notices:list")).content.decode()
    assert "<h1>Varsler</h1>" in html
    assert html.index("Ny oppgave") < html.index("Eldre oppgave")
    assert "Kollegaens oppgave" not in html
    assert "Merk som lest" in html and "Merk 1 varsel som lest" in html and "Åpne" in html


def test_the_list_is_paged(client, town):
    me = town["adviser"]
    for n in range(30):
        _notice(me, town["municipality"], f"Varsel nummer {n:02d}", minutes_ago=n, read=True)
    client.force_login(me)
    first = client.get(reverse("notices:list")).content.decode()
    assert "Varsel nummer 00" in first and "Varsel nummer 24" in first and "Varsel nummer 25" not in first
    assert "Side 1 av 2" in first and "Eldre" in first
    second = client.get(reverse("notices:list"), {"side": 2}).content.decode()
    assert "Varsel nummer 25" in second and "Varsel nummer 29" in second and "Varsel nummer 24" not in second


def test_a_person_with_two_municipalities_sees_the_notices_of_the_one_they_work_in(client, town):
    me = town["adviser"]
    f.adviser(town["elsewhere"], username=me.username)  # the same person, an adviser there too
    _notice(me, town["municipality"], "Varsel fra Elvedal")
    _notice(me, town["elsewhere"], "Varsel fra Fjellbygd")
    client.force_login(me)
    session = client.session
    session[SESSION_KEY] = town["elsewhere"].pk
    session.save()
    html = client.get(reverse("notices:list")).content.decode()
    assert "Varsel fra Fjellbygd" in html and "Varsel fra Elvedal" not in html


def _menu_badge(html: str) -> str:
    start = html.index('href="/varsler/"')
    return html[start:html.index("</a>", start)]


def test_the_menu_counts_unread_notices_and_marking_read_lowers_it(client, town):
    me = town["adviser"]
    first = _notice(me, town["municipality"], "Første")
    _notice(me, town["municipality"], "Andre")
    _notice(me, town["municipality"], "Lest før", read=True)
    client.force_login(me)
    assert ">2<span class=\"visually-hidden\"> ikke lest" in _menu_badge(client.get(reverse("home")).content.decode())
    response = client.post(reverse("notices:read", args=[first.pk]))
    assert response.status_code == 302 and response.url == reverse("notices:list")
    first.refresh_from_db()
    assert first.read_at is not None
    assert ">1<span" in _menu_badge(client.get(reverse("home")).content.decode())
    response = client.post(reverse("notices:read_all"), follow=True)
    assert "Alle varsler er merket som lest." in response.content.decode()
    assert "badge" not in _menu_badge(client.get(reverse("home")).content.decode())


def test_the_list_and_menu_take_the_same_queries_for_three_notices_as_for_thirty(client, town):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    me = town["adviser"]
    client.force_login(me)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("notices:list")).status_code == 200
        return len(context.captured_queries)

    for n in range(3):
        _notice(me, town["municipality"], f"Varsel {n}", minutes_ago=n)
    few = queries()
    for n in range(3, 30):
        _notice(me, town["municipality"], f"Varsel {n}", minutes_ago=n)
    assert queries() == few


def test_nobody_marks_another_persons_notice_read(client, town):
    theirs = _notice(town["colleague"], town["municipality"], "Kollegaens")
    client.force_login(town["adviser"])
    assert client.post(reverse("notices:read", args=[theirs.pk])).status_code == 404
    client.post(reverse("notices:read_all"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_a_read_notice_read_again_is_harmless(client, town):
    mine = _notice(town["adviser"], town["municipality"], "Min", read=True)
    client.force_login(town["adviser"])
    assert client.post(reverse("notices:read", args=[mine.pk])).status_code == 302


def test_the_settings_turn_a_kind_off_and_then_no_mail_of_it_comes(client, town, mailoutbox):
    me = town["adviser"]
    client.force_login(me)
    html = client.get(reverse("notices:preferences")).content.decode()
    assert "Send meg e-post når" in html and "En oppfølgingsoppgave du har, er forsinket" in html
    assert html.count('checked') == len(NoticeKind.values)  # everything on to begin with
    enabled = [k for k in NoticeKind.values if k != NoticeKind.TASK_ASSIGNED]
    response = client.post(reverse("notices:preferences"), {"enabled": enabled, "language": "nb"}, follow=True)
    assert "Varslingsinnstillingene dine er lagret." in response.content.decode()
    assert list(NoticePreference.objects.filter(user=me).values_list("kind", flat=True)) == ["task_assigned"]
    services.notice_send(kind=NoticeKind.TASK_ASSIGNED, event_key="1:1", recipient=me,
                         municipality=town["municipality"], context={"task": {"title": "Oppgave"}, "school": {}})
    assert mailoutbox == []
    assert "no e-mail" not in client.get(reverse("notices:list")).content.decode()
    assert "ingen e-post (slått av)" in client.get(reverse("notices:list")).content.decode()
    # Turned on again.
    client.post(reverse("notices:preferences"), {"enabled": NoticeKind.values, "language": "nb"})
    assert not NoticePreference.objects.filter(user=me).exists()


def test_the_language_chosen_in_the_settings_or_the_switch_is_kept_for_the_emails(client, town):
    me = town["adviser"]
    client.force_login(me)
    client.post(reverse("notices:preferences"), {"enabled": NoticeKind.values, "language": "en"})
    me.refresh_from_db()
    assert me.language == "en"
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    me.refresh_from_db()
    assert me.language == "nb"
    assert client.get(reverse("notices:list")).content.decode().count("<h1>Varsler</h1>") == 1


def test_a_language_the_portal_does_not_speak_is_refused(town):
    from django.core.exceptions import ValidationError

    from laeringslop.services import user_language_set

    with pytest.raises(ValidationError) as error:
        user_language_set(user=town["adviser"], language="xx")
    assert error.value.code == "unknown_language"


def test_only_a_superuser_reads_notices_in_the_admin(client, town):
    _notice(town["adviser"], town["municipality"], "Personlig varsel")
    administrator = f.user_with_role("administrator", town["municipality"], username="admin", is_staff=True)
    client.force_login(administrator)
    assert client.get(reverse("admin:notices_notice_changelist")).status_code == 403
    client.force_login(f.UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:notices_notice_changelist"))
    assert page.status_code == 200 and "Personlig varsel" not in page.content.decode()  # the list shows no text
    assert str(town["adviser"]) in page.content.decode()
