"""scripts/restore-drill: dump, restore into a scratch database, check, compare, drop."""
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

from laeringslop.tests import factories as f
from laeringslop.tests.markers import postgresql_only

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "restore-drill"


def _url(name):
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _drill(url, *args):
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, str(SCRIPT), *args], env=env, capture_output=True, text=True,
                          timeout=300)


def _databases_like(pattern):
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [pattern])
        return [row[0] for row in cursor.fetchall()]


def test_the_drill_refuses_to_start_without_a_postgresql_database():
    result = _drill("sqlite:///var/db.sqlite3")
    assert result.returncode == 2 and "PostgreSQL" in result.stderr


@postgresql_only
def test_the_drill_restores_the_test_database_and_drops_its_scratch_copy(transactional_db):
    # transactional_db: rows are committed, so pg_dump (another connection) sees them.
    municipality = f.MunicipalityFactory()
    for _ in range(3):
        f.SchoolFactory(municipality=municipality)
    f.adviser(municipality)
    result = _drill(_url(connection.settings_dict["NAME"]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "units                     3 in the source,         3 restored" in result.stdout
    assert "every count matches" in result.stdout and "RESTORE DRILL PASSED" in result.stdout
    assert not _databases_like("%_restore_drill_%")


@postgresql_only
def test_the_drill_fails_on_a_database_that_is_not_migrated(transactional_db):
    empty = f"{connection.settings_dict['NAME'][:40]}_empty"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{empty}"')
        cursor.execute(f'CREATE DATABASE "{empty}"')
    try:
        result = _drill(_url(empty))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{empty}" WITH (FORCE)')
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED: migrations" in result.stdout and "RESTORE DRILL FAILED" in result.stdout
    assert not _databases_like(f"{empty}_restore_drill_%")
