"""Benchmark: the national-test import at national scale against PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/laeringslop_bench python bench/import_national_tests.py
    python bench/import_national_tests.py [--schools 2800] [--years 5]   # the same (the default database)

It TRUNCATES the indicator values, value changes, import jobs and their history in the database
it runs against, so it runs only against a database of its own: DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/laeringslop_bench, created if missing) must name a database
whose name ends in ``_bench`` (and does not start with ``test_``); anything else is refused with
exit code 2 before anything is touched.

Generates a file of 2,800 schools × 8 tests × 5 years (112,000 rows) in Udir's format and,
in the same run, measures:

1. the full import (read, check every row, write in one transaction), on an empty table;
2. the same file again (every value unchanged);
3. the physical floor: a bare COPY of the same rows into a table of the same shape;
4. a naive per-row ORM ``save()`` loop on a tenth of the rows.

It prints rows/s of each, the ratios and the process's peak memory (max RSS).
Targets: import ≤ 3× the COPY time, ≥ 20× faster than the save loop, peak memory < 200 MB.

Then the same for the file as Udir's Statistikkbanken downloads it (``--part wide``; see
bench/national_wide_file.py): one UTF-16 file of the nation, the counties, the municipalities and
2,800 schools × 8 tests × 5 years in columns. Its import runs in a process of its own (so its
peak memory is its own), followed by a bare COPY of the records it stored.
Targets: import ≤ 1.5× the COPY time, peak memory of the importing process < 200 MB.
"""
import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/laeringslop_bench"
BENCH_SUFFIX = "_bench"
TESTS = ["NPENG05", "NPLES05", "NPREG05", "NPENG08", "NPLES08", "NPREG08", "NPLES09", "NPREG09"]
HEADER = ["Skoleaarnavn", "EnhetNivaa", "Organisasjonsnummer", "EnhetNavn", "Proevekode", "Skalapoeng",
          "Usikkerhet", "AntallElever"] + [f"AndelMestringsnivaa{i}" for i in range(1, 6)]


def require_bench_database(name: str) -> None:
    """Exit with code 2 unless ``name`` is a benchmark database: the benchmark truncates tables."""
    if name.endswith(BENCH_SUFFIX) and len(name) > len(BENCH_SUFFIX) and not name.startswith("test_"):
        return
    print(f"Refusing to run against the database {name!r}: this benchmark TRUNCATES the indicator values "
          f"and import jobs of its database, so its name must end in {BENCH_SUFFIX!r} (and not start with "
          f"'test_'), e.g. DATABASE_URL={DEFAULT_URL}", file=sys.stderr)
    sys.exit(2)


def ensure_database(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    require_bench_database(name)
    conn = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres",
                            password=parts.password, dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mb() -> float:
    """This process's own peak RSS: Linux's VmHWM (ru_maxrss of a child started by a large
    parent counts the parent's peak at the fork), else ru_maxrss."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss_mb()


def org_numbers(n):
    from laeringslop.validators import org_number_check_digit

    base, out = 80000000, []
    while len(out) < n:
        check = org_number_check_digit(f"{base:08d}")
        if check is not None:
            out.append(f"{base:08d}{check}")
        base += 1
    return out


def norsk(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def generate(path, orgs, years):
    """Write the file row by row (never the whole table in memory); returns the row count."""
    rng = random.Random(2024)
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(";".join(HEADER) + "\r\n")
        for year in years:
            label = f"{year}-{(year + 1) % 100:02d}"
            for index, org in enumerate(orgs):
                for test in TESTS:
                    levels = 3 if test.endswith("05") else 5
                    if rng.random() < 0.04:
                        cells = ["*", "*", "*"] + ["*"] * levels + [""] * (5 - levels)
                    else:
                        raw = [rng.random() + 0.2 for _ in range(levels)]
                        shares = [round(100 * r / sum(raw), 1) for r in raw]
                        shares[-1] = round(100 - sum(shares[:-1]), 1)
                        pupils = rng.randint(15, 120)
                        cells = [norsk(rng.gauss(50, 8)), norsk(rng.uniform(1, 4)), f"{pupils:,}".replace(",", " ")]
                        cells += [norsk(s) for s in shares] + [""] * (5 - levels)
                    out.write(";".join([label, "4", org, f"Skole {index}", test] + cells) + "\r\n")
                    rows += 1
    return rows


def setup_django():
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laeringslop.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    url = os.environ["DATABASE_URL"]
    if not url.startswith("postgres"):
        sys.exit("This benchmark needs PostgreSQL (DATABASE_URL=postgres://…).")
    ensure_database(url)  # refuses (exit 2) a database whose name does not end in _bench

    import django

    django.setup()


def import_file(path, municipality, fmt):
    """import_job_create + import_job_run of ``path``; (seconds, job)."""
    from django.core.files import File

    from indicators.services import import_job_create, import_job_run

    start = time.perf_counter()
    with open(path, "rb") as handle:
        job = import_job_create(file=File(handle), name=Path(path).name, municipality=municipality, fmt=fmt)
    job = import_job_run(job.pk)
    elapsed = time.perf_counter() - start
    assert job.status == "done", (job.status, job.problems[:3], job.error)
    return elapsed, job


def import_child(path, fmt):
    """Run in a process of its own (``--import-file``): one import, its time and peak memory as JSON."""
    setup_django()
    from django.conf import settings

    from laeringslop.models import Municipality

    settings.MAX_UPLOAD_SIZE = 200 * 1024 * 1024
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-media-")
    municipality = Municipality.objects.get(number="9990")
    before = peak_rss_mb()
    seconds, job = import_file(path, municipality, fmt)
    summary = {key: job.summary[key] for key in ("rows_read", "created", "updated", "unchanged", "suppressed",
                                                 "comparison_rows", "comparison_skipped", "no_participation")
               if key in job.summary}
    print(json.dumps({"seconds": seconds, "rss_before": before, "rss_after": peak_rss_mb(), "summary": summary}))


def run_child(path, fmt):
    result = subprocess.run([sys.executable, __file__, "--import-file", str(path), "--format", fmt],
                            capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"The import process failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def copy_floor(rows):
    """A bare COPY of the stored values into a table of the same shape; seconds."""
    from django.db import connection, transaction

    from indicators.models import Indicator, IndicatorValue
    from laeringslop.models import Unit

    buffer = io.StringIO()
    for v in IndicatorValue.objects.order_by().values_list(
            "indicator_id", "school_year", "grade", "level", "area_code", "area_name", "unit_id", "value",
            "suppressed", "uncertainty", "pupil_count", "details").iterator(chunk_size=10000):
        buffer.write("\t".join("\\N" if x is None else ("t" if x is True else "f" if x is False else
                                                           json.dumps(x) if isinstance(x, dict) else str(x))
                               for x in v) + "\t2025-01-01 00:00:00+00\n")
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_copy")
        cur.execute("CREATE TABLE bench_copy (LIKE indicators_indicatorvalue INCLUDING DEFAULTS INCLUDING IDENTITY "
                    "INCLUDING INDEXES INCLUDING CONSTRAINTS)")
        # LIKE copies checks and indexes but not foreign keys; the real table has two (checked at
        # commit, as Django declares them), so the floor gets the same two.
        cur.execute(f"ALTER TABLE bench_copy "
                    f"ADD FOREIGN KEY (indicator_id) REFERENCES {Indicator._meta.db_table} (id) DEFERRABLE INITIALLY DEFERRED, "
                    f"ADD FOREIGN KEY (unit_id) REFERENCES {Unit._meta.db_table} (id) DEFERRABLE INITIALLY DEFERRED")
    columns = ("indicator_id, school_year, grade, level, area_code, area_name, unit_id, value, suppressed, "
               "uncertainty, pupil_count, details, updated_at")
    buffer.seek(0)
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.copy_expert(f"COPY bench_copy ({columns}) FROM STDIN", buffer)
    seconds = time.perf_counter() - start
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM bench_copy")
        assert cur.fetchone()[0] == rows
        cur.execute("DROP TABLE bench_copy")
    return seconds


def rate(n, s):
    return f"{n / s:>10,.0f} rows/s"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schools", type=int, default=2800)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--part", choices=["long", "wide", "both"], default="both")
    parser.add_argument("--import-file", help=argparse.SUPPRESS)  # the wide import's own process
    parser.add_argument("--format", default="national_tests", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_file:
        return import_child(args.import_file, args.format)
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from indicators.models import ImportJob, IndicatorValue, ValueChange
    from laeringslop.models import Municipality, Unit

    settings.MAX_UPLOAD_SIZE = 200 * 1024 * 1024
    call_command("migrate", verbosity=0)
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-media-")

    print(f"Database: {connection.settings_dict['NAME']} on {connection.settings_dict['HOST']}; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")

    def wipe_values():
        # TRUNCATE, not QuerySet.delete(): that would load every row to collect cascades.
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {ValueChange._meta.db_table}, {IndicatorValue._meta.db_table}")

    wipe_values()
    with connection.cursor() as cur:
        cur.execute(f"TRUNCATE {ImportJob._meta.db_table}, {ImportJob.history.model._meta.db_table} CASCADE")
    Unit.objects.all().delete()
    municipality, _ = Municipality.objects.get_or_create(number="9990", defaults={"name": "Benchkommune"})
    orgs = org_numbers(args.schools)
    Unit.objects.bulk_create([Unit(municipality=municipality, name=f"Skole {i}", kind="school", org_number=org,
                                   first_grade=1, last_grade=10) for i, org in enumerate(orgs)])
    years = list(range(2024 - args.years + 1, 2025))
    workdir = Path(tempfile.mkdtemp(prefix="bench-np-"))
    if args.part in ("long", "both"):
        bench_long(workdir, orgs, years, municipality, wipe_values)
    if args.part in ("wide", "both"):
        bench_wide(workdir, orgs, years, wipe_values)


def bench_wide(workdir, orgs, years, wipe_values):
    from national_wide_file import generate as generate_wide

    path = workdir / "20260218-1045_Nasjonale_proever.csv"
    t = time.perf_counter()
    rows, records = generate_wide(path, orgs, years)
    size = path.stat().st_size
    print(f"\nWide file (Statistikkbanken's shape): {rows:,} rows, {records:,} records to store "
          f"({size / 1048576:.1f} MB, UTF-16LE) in {time.perf_counter() - t:.1f} s")
    wipe_values()
    first = run_child(path, "")
    assert first["summary"]["created"] == records, first["summary"]
    copy_s = copy_floor(records)
    again = run_child(path, "")
    assert again["summary"]["unchanged"] == records, again["summary"]
    wipe_values()
    import_s = first["seconds"]
    print(f"Full import (empty table)      {import_s:7.2f} s  {rate(records, import_s)}   {first['summary']}")
    print(f"Same file again (all unchanged){again['seconds']:7.2f} s  {rate(records, again['seconds'])}")
    print(f"Bare COPY, same records        {copy_s:7.2f} s  {rate(records, copy_s)}")
    print(f"Import / COPY time:            {import_s / copy_s:5.2f}×   (target ≤ 1.5×)")
    peak = max(first["rss_after"], again["rss_after"])
    print(f"Peak memory (max RSS of the importing process): {peak:5.0f} MB "
          f"(before the import: {first['rss_before']:.0f} MB; target < 200 MB)")
    print(f"Upload limit (settings.MAX_UPLOAD_SIZE at its default of 20 MB): the file is "
          f"{100 * size / (20 * 1048576):.0f} % of it")


def bench_long(workdir, orgs, years, municipality, wipe_values):
    from indicators.models import Indicator, IndicatorValue
    from laeringslop.models import Unit

    path = workdir / "nasjonale-prover.csv"
    t = time.perf_counter()
    rows = generate(path, orgs, years)
    print(f"Generated {rows:,} rows ({path.stat().st_size / 1048576:.1f} MB) in {time.perf_counter() - t:.1f} s")
    rss_before = rss_mb()
    import_s, job = import_file(path, municipality, "national_tests")
    assert job.summary["created"] == rows, job.summary
    rss_after = rss_mb()
    again_s, job2 = import_file(path, municipality, "national_tests")
    assert job2.summary["unchanged"] == rows, job2.summary

    # The physical floor: COPY of the same rows into a table of the same shape (indexes, checks, foreign keys).
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    units = dict(Unit.objects.values_list("org_number", "pk"))
    copy_s = copy_floor(rows)

    # The naive loop: parse each row simply and save() it, on a tenth of the rows.
    wipe_values()
    tenth = rows // 10
    start = time.perf_counter()
    with open(path, encoding="utf-8") as handle:
        next(handle)
        for n, line in enumerate(handle):
            if n >= tenth:
                break
            c = line.rstrip("\r\n").split(";")
            num = (lambda s: None if s in ("", "*") else s.replace(",", ".").replace(" ", ""))
            IndicatorValue(indicator_id=indicators[c[4]], school_year=int(c[0][:4]), grade=int(c[4][-2:]), level=4,
                           area_code=c[2], area_name=c[3], unit_id=units[c[2]], value=num(c[5]),
                           suppressed=c[5] == "*", uncertainty=num(c[6]), pupil_count=num(c[7]),
                           details={str(i): float(num(s)) for i, s in enumerate(c[8:13], 1) if num(s)}).save()
    save_s = time.perf_counter() - start
    wipe_values()

    print()
    print(f"Full import (empty table)      {import_s:7.2f} s  {rate(rows, import_s)}")
    print(f"Same file again (all unchanged){again_s:7.2f} s  {rate(rows, again_s)}")
    print(f"Bare COPY, same rows           {copy_s:7.2f} s  {rate(rows, copy_s)}")
    print(f"save() loop on {tenth:,} rows    {save_s:7.2f} s  {rate(tenth, save_s)}")
    print()
    print(f"Import / COPY time:            {import_s / copy_s:5.2f}×   (target ≤ 3×)")
    print(f"Import vs save() loop speed:   {(rows / import_s) / (tenth / save_s):5.1f}×   (target ≥ 20×)")
    print(f"Peak memory (max RSS):         {rss_after:5.0f} MB (before the import: {rss_before:.0f} MB; target < 200 MB)")


if __name__ == "__main__":
    main()
