"""Start a real Celery worker process for a test, on a queue of its own."""
import contextlib
import os
import subprocess
import sys
import uuid

from django.conf import settings
from django.db import connection

from laeringslop.celery import app


def shared_database_url() -> str:
    """A DATABASE_URL for the database the tests run on, so a worker process sees their rows."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        name = str(db["NAME"])
        assert "memory" not in name, "a worker cannot share an in-memory SQLite database"
        return f"sqlite:///{name}"
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def real_worker(**env):
    """Run a worker on a fresh queue; tasks sent meanwhile go to that queue (not eagerly)."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update(CELERY_TASK_ALWAYS_EAGER="false", **env)
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "laeringslop", "worker", "--pool=solo", "-Q", queue,
         "--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel=WARNING"],
        cwd=settings.BASE_DIR, env=environment,
    )
    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        yield queue
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = previous
        process.terminate()
        process.wait(timeout=30)
