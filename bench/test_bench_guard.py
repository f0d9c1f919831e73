"""The benchmark truncates tables: it runs only against a database whose name ends in _bench."""
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("import_national_tests.py")
spec = importlib.util.spec_from_file_location("import_national_tests", SCRIPT)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


@pytest.mark.parametrize("name", ["laeringslop_bench", "x_bench"])
def test_a_bench_database_is_accepted(name):
    assert bench.require_bench_database(name) is None


@pytest.mark.parametrize("name", ["laeringslop", "laeringslop_ops", "test_laeringslop_bench", "_bench", "bench",
                                  "laeringslop_bench_old", ""])
def test_any_other_database_is_refused_with_exit_code_2(name, capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench.require_bench_database(name)
    assert exit_info.value.code == 2
    assert "must end in '_bench'" in capsys.readouterr().err


def test_the_script_refuses_before_touching_the_database(tmp_path):
    # No PostgreSQL needed: the guard runs before any connection is made.
    env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:1/laeringslop", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, str(SCRIPT), "--schools", "1", "--years", "1"], env=env,
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Refusing to run against the database 'laeringslop'" in result.stderr
