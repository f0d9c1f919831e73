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


def start_worker(queue: str, *, pool: str = "solo", concurrency: int = 1, beat: bool = False, workdir=None,
                 **env) -> subprocess.Popen:
    """Start a worker process (in a process group of its own, so a test can kill it whole) on ``queue``.

    The worker's own default queue is ``queue`` too, so what it sends (the sweep's re-sends) stays
    in the test's queue. ``beat`` embeds the beat scheduler (the job sweep) in the worker.
    """
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update(CELERY_TASK_ALWAYS_EAGER="false", CELERY_TASK_DEFAULT_QUEUE=queue, **env)
    command = [sys.executable, "-m", "celery", "-A", "laeringslop", "worker", f"--pool={pool}",
               f"--concurrency={concurrency}", "-Q", queue, "-n", f"{queue}-{uuid.uuid4().hex[:4]}@%h",
               "--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel=WARNING"]
    if beat:
        command += ["-B", "--schedule", str(workdir / f"beat-{uuid.uuid4().hex[:6]}")]
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=environment, start_new_session=True)


@contextlib.contextmanager
def test_queue():
    """Tasks sent meanwhile go to a fresh queue of their own (not eagerly)."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        yield queue
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = previous


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextlib.contextmanager
def real_worker(**env):
    """Run a worker on a fresh queue; tasks sent meanwhile go to that queue (not eagerly)."""
    with test_queue() as queue:
        process = start_worker(queue, **env)
        try:
            yield queue
        finally:
            stop(process)
