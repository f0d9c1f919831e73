"""Data-migration tests: migrate one app back to just before the migration under test (every other app at
its newest), make rows with the historical models, then migrate everything forward and read the result.

Use with ``pytest.mark.django_db(transaction=True)``: migrations change the schema."""
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(app: str, migration: str):
    """Migrate ``app`` to ``migration`` and every other app to its newest; the historical ``apps`` there."""
    executor = MigrationExecutor(connection)
    target = [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] != app] + [(app, migration)]
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def migrate_to_newest() -> None:
    """Apply every migration (the one under test among them)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
