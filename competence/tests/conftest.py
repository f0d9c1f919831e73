"""The competence tests' fixtures."""
from .helpers import town  # noqa: F401 - a fixture
