"""Test markers shared by the apps."""
import pytest
from django.conf import settings

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

#: A test that means something only on PostgreSQL: skipped (not passed) elsewhere.
postgresql_only = pytest.mark.skipif(not ON_POSTGRESQL, reason="needs PostgreSQL (DATABASE_URL=postgres://…)")
