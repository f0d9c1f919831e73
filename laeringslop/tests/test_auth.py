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


# --- The client's address behind reverse proxies (django-ipware) -----------------------------
PROXY = "10.0.0.2"  # the reverse proxy: REMOTE_ADDR of every request that comes through it
ATTACKER, VICTIM = "198.51.100.66", "203.0.113.5"


def _login(client, password, **meta):
    return client.post(reverse("login"), {"username": "ola", "password": password}, REMOTE_ADDR=PROXY, **meta)


def test_behind_a_proxy_failures_lock_the_attackers_address_not_the_users(client, settings):
    from laeringslop.proxies import axes_client_ip_settings

    for name, value in axes_client_ip_settings(1).items():
        setattr(settings, name, value)
    f.UserFactory(username="ola")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "feil", HTTP_X_FORWARDED_FOR=ATTACKER)
    assert _login(client, PASSWORD, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    # Pretending to be the victim does not help: the proxy appends the address it saw.
    assert _login(client, PASSWORD, HTTP_X_FORWARDED_FOR=f"{VICTIM}, {ATTACKER}").status_code == 429
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    client.logout()
    response = _login(client, PASSWORD, HTTP_X_FORWARDED_FOR=VICTIM)
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_behind_two_proxies_the_address_before_the_last_proxy_counts(client, settings):
    from laeringslop.proxies import axes_client_ip_settings

    for name, value in axes_client_ip_settings(2).items():
        setattr(settings, name, value)
    f.UserFactory(username="ola")
    for _ in range(settings.AXES_FAILURE_LIMIT):  # forged left-most entries are ignored
        _login(client, "feil", HTTP_X_FORWARDED_FOR=f"{VICTIM}, {ATTACKER}, 192.0.2.10")
    assert _login(client, PASSWORD, HTTP_X_FORWARDED_FOR=f"{ATTACKER}, 192.0.2.10").status_code == 429
    assert _login(client, PASSWORD, HTTP_X_FORWARDED_FOR=f"{VICTIM}, 192.0.2.10").status_code == 302


def test_without_a_proxy_a_forged_forwarded_for_header_does_not_dodge_the_lock(client, settings):
    # The default (no proxies): the header is the client's own and is ignored.
    assert settings.AXES_IPWARE_META_PRECEDENCE_ORDER == ["REMOTE_ADDR"]
    f.UserFactory(username="ola")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "feil", HTTP_X_FORWARDED_FOR=f"198.51.100.{i + 1}")
    assert _login(client, PASSWORD, HTTP_X_FORWARDED_FOR=VICTIM).status_code == 429


def test_the_environment_sets_the_number_of_proxies():
    import os
    import subprocess
    import sys

    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.AXES_IPWARE_PROXY_COUNT, s.AXES_IPWARE_META_PRECEDENCE_ORDER, s.IPWARE_STRICT)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "laeringslop.settings", "AXES_IPWARE_PROXY_COUNT": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[-2] == "0 ['HTTP_X_FORWARDED_FOR'] False"
