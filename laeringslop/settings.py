"""The one settings module of Læringsløp, read from the environment.

Defaults give a development portal that needs no services: SQLite in ``var/``, a Celery
broker and result store on the local file system, e-mail printed to the console.
Set ``DATABASE_URL`` and ``CELERY_BROKER_URL`` for PostgreSQL and Redis, and ``DEBUG=false``
with a real ``SECRET_KEY`` and ``ALLOWED_HOSTS`` in production (see docs/operations.md).
"""
import os
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only; `check --deploy` flags this prefix on purpose.
    SECRET_KEY = "django-insecure-development-only-key-not-for-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The portal's public address, for links in e-mails sent by background jobs.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

LOCAL_APPS = [
    "laeringslop.apps.CoreConfig",
    "projects",
    "milestones",
    "indicators",
    "dialogue",
    "county",
    "notices",
    "competence",
    "leadership",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    *LOCAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files: its own pre-compressed copies
    # Compresses pages after every middleware below has written them (see docs/operations.md on BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "laeringslop.middleware.IgnoreBrowserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "laeringslop.tenancy.TenantMiddleware",  # request.municipality; roles count for it only
    "django.contrib.messages.middleware.MessageMiddleware",
    "laeringslop.middleware.ValidationErrorMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",  # the Content-Security-Policy below (a response's own header wins)
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "laeringslop.urls"
WSGI_APPLICATION = "laeringslop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "laeringslop.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the Celery worker share the file: wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    # Tests use a file, not memory, so that a real Celery worker process can share it; one per
    # test process, so that two test runs in one checkout do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Each concurrent test run (e.g. two checkouts on one machine) can pick its own test DB.
    if env("TEST_DATABASE_NAME", default=""):
        DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "laeringslop.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock a username+IP pair after repeated failures, and let it cool off.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address, through django-ipware: AXES_IPWARE_PROXY_COUNT in the environment is the
# number of reverse proxies in front of the portal (0: X-Forwarded-For is ignored). See
# laeringslop/proxies.py for how that becomes ipware's settings.
from laeringslop.proxies import axes_client_ip_settings  # noqa: E402

vars().update(axes_client_ip_settings(env.int("AXES_IPWARE_PROXY_COUNT", default=0)))

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
#: English dates day first with a 24-hour clock (laeringslop/formats/en/formats.py).
FORMAT_MODULE_PATH = ["laeringslop.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads ---------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Django does not limit file uploads by itself; forms check this (in bytes).
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_MB", default=20) * 1024 * 1024

# --- Forms ----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ---------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Læringsløp <noreply@laeringslop.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------------------------
# Default: a broker and result store in files under var/celery, so a worker runs in its own
# process without Redis. Set CELERY_BROKER_URL=redis://127.0.0.1:6379/0 for the real thing.
CELERY_DIR = VAR_DIR / "celery"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_VISIBILITY_TIMEOUT = 3600  # Redis: seconds before an unacknowledged message is handed out again
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "results", "control"):
        (CELERY_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DIR / "queue"),
        "data_folder_out": str(CELERY_DIR / "queue"),
        "processed_folder": str(CELERY_DIR / "processed"),
        "control_folder": str(CELERY_DIR / "control"),
        "store_processed": False,
    }
    _default_backend = f"file://{CELERY_DIR / 'results'}"
else:
    # A message of a worker that died returns after visibility_timeout; every task's time limit is
    # below it (a test checks), and the job sweep takes lost jobs over long before it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT, "socket_connect_timeout": 2,
                                       "socket_timeout": 10}
    _default_backend = CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=_default_backend)
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = 50
# The queue of tasks without a queue of their own (a test run's worker takes its own).
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Limits of a task that sets none (seconds); long tasks set their own, all below visibility_timeout.
CELERY_TASK_SOFT_TIME_LIMIT, CELERY_TASK_TIME_LIMIT = 600, 660
# Enqueueing does not wait for a broker that is down: the job stays queued and the sweep sends it.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Background jobs (laeringslop/jobs.py): a running job beats every JOB_HEARTBEAT_SECONDS (0 = off);
# one without a beat for JOB_STALE_SECONDS was lost with its worker and is queued again, at most
# JOB_MAX_ATTEMPTS times; the sweep runs every JOB_SWEEP_SECONDS and re-sends a job still waiting
# after JOB_RESEND_SECONDS (a broker restarted without its queue).
JOB_HEARTBEAT_SECONDS = env.int("JOB_HEARTBEAT_SECONDS", default=10)
JOB_STALE_SECONDS = env.int("JOB_STALE_SECONDS", default=45)
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)
JOB_SWEEP_SECONDS = env.int("JOB_SWEEP_SECONDS", default=30)
JOB_RESEND_SECONDS = env.int("JOB_RESEND_SECONDS", default=600)
# /helse/ asks the broker at most this often (per process); the page is public.
HEALTH_BROKER_SECONDS = env.int("HEALTH_BROKER_SECONDS", default=10)
# Notices (notices/services.py): a failed e-mail is tried again after NOTICE_RETRY_MINUTES, at most
# NOTICE_MAX_ATTEMPTS times in all; NOTICE_RETRY_SECONDS is how often the retry task runs.
NOTICE_MAX_ATTEMPTS = env.int("NOTICE_MAX_ATTEMPTS", default=5)
NOTICE_RETRY_MINUTES = env.int("NOTICE_RETRY_MINUTES", default=30)
NOTICE_RETRY_SECONDS = env.int("NOTICE_RETRY_SECONDS", default=300)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Periodic jobs; apps add theirs here (task name -> schedule).
CELERY_BEAT_SCHEDULE: dict = {
    # Daily at 07:00: remind people of milestones that are due soon or late (milestones/tasks.py).
    "milestone-reminders": {"task": "milestones.send_reminders", "schedule": crontab(hour=7, minute=0)},
    # Daily at 07:10: tell advisers of their follow-up tasks that became late (dialogue/tasks.py).
    "followup-task-late": {"task": "dialogue.notify_late_tasks", "schedule": crontab(hour=7, minute=10)},
    # Notices no task sent (broker down) and failed e-mails, again (notices/tasks.py).
    "notice-retry": {"task": "notices.retry", "schedule": float(NOTICE_RETRY_SECONDS),
                     "options": {"expires": float(NOTICE_RETRY_SECONDS)}},
    # Re-send jobs no message carries and take over jobs whose worker died (laeringslop/jobs.py).
    "job-sweep": {"task": "laeringslop.sweep_jobs", "schedule": float(JOB_SWEEP_SECONDS),
                  "options": {"expires": float(JOB_SWEEP_SECONDS)}},
}

# --- Security (production) ------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Off only for a demo served over plain http on one's own machine (scripts/demo).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# --- Content-Security-Policy (django-csp) ----------------------------------------------------
# Scripts and styles only from our own static files: no inline <script>, no on*= handlers, no
# style="" attributes (templates set positions through data-* attributes and static/js/laeringslop.js).
# A test checks the templates. The stored dialogue report sends a stricter policy of its own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Bootstrap's icons are data: SVGs
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs its steps at INFO for every PDF; only its warnings matter in a worker's log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
