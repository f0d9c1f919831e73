import pytest
from django.urls import reverse

from laeringslop.tests import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "secret-passord-123"


def test_login_with_the_right_password_reaches_the_home_page(client):
    f.director(f.MunicipalityFactory(), username="dina")
    response = client.post(reverse("login"), {"username": "dina", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Utdanningsdirektør" in response.content.decode()


def test_wrong_password_shows_a_norwegian_error(client):
    f.UserFactory(username="ola")
    response = client.post(reverse("login"), {"username": "ola", "password": "feil"})
    assert response.status_code == 200
    assert "korrekt brukernavn og passord" in response.content.decode()


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, settings):
    f.UserFactory(username="ola")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "ola", "password": "feil"})
    response = client.post(reverse("login"), {"username": "ola", "password": PASSWORD})
    assert response.status_code == 429
    assert "For mange mislykkede innlogginger" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_user_is_not_locked_by_someone_elses_failures(client, settings):
    f.UserFactory(username="ola")
    f.UserFactory(username="kari")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "ola", "password": "feil"})
    response = client.post(reverse("login"), {"username": "kari", "password": PASSWORD})
    assert response.status_code == 302


def test_pages_are_norwegian_by_default_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nb">' in response.content.decode()
    assert "Logg inn" in response.content.decode()


def test_language_switch_to_english_and_back(client):
    user = f.UserFactory(username="ola")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in page and "Welcome, Test" in page
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert "Velkommen, Test" in client.get(reverse("home")).content.decode()


def test_password_reset_sends_an_email_with_a_working_link(client, mailoutbox):
    user = f.UserFactory(username="ola", email="ola@example.invalid")
    client.post(reverse("password_reset"), {"email": "ola@example.invalid"})
    assert len(mailoutbox) == 1
    link = next(word for word in mailoutbox[0].body.split() if "/konto/reset/" in word)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    response = client.post(response.redirect_chain[-1][0],
                           {"new_password1": "Et-nytt-passord-99", "new_password2": "Et-nytt-passord-99"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Et-nytt-passord-99")


def test_password_change(client):
    user = f.UserFactory(username="ola")
    client.force_login(user)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Et-nytt-passord-99", "new_password2": "Et-nytt-passord-99"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Et-nytt-passord-99")
