"""Test-wide fixtures: fast hashing, eager Celery, the access-matrix world, browser set-up."""
import os

import pytest

from laeringslop.tests.world import build_world

# pytest-django's live_server runs Django in a thread next to Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # Tasks run eagerly inside the test's transaction: no heartbeat thread beside them.
    settings.JOB_HEARTBEAT_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from laeringslop.celery import app

    app.conf.task_always_eager = True
    # Each test starts in the default language: a request in English leaves English active on
    # the thread, and a lazy message read later would come out English.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    app.conf.task_always_eager = False
    translation.deactivate()


_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


@pytest.fixture(autouse=True)
def _indicator_catalogue(request):
    """Restore the catalogue that migration 0002 loads: a transactional test (browser tests,
    live_server) flushes every table when it ends, data migrations' rows included."""
    if request.node.get_closest_marker("django_db") is None and not _DB_FIXTURES & set(request.fixturenames):
        return
    request.getfixturevalue("_django_db_helper")
    from indicators.catalogue import catalogue_ensure

    catalogue_ensure()


@pytest.fixture
def world(db):
    """A municipality with two schools and a kindergarten, and a user for every role."""
    return build_world()


# --- Playwright with Debian's Chromium --------------------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture
def page(page):
    """Playwright's page, recording the Content-Security-Policy violations it reports."""
    from laeringslop.tests.browser import watch_csp

    watch_csp(page)
    return page
