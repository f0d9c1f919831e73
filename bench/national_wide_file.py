"""A national national-test file in the shape Udir's Statistikkbanken downloads it, for the benchmark.

The shape of the real download (docs/samples/20260218-1045_Nasjonale_proever_5._trinn.csv):
UTF-16LE without BOM, a first line ``sep=<TAB>``, TAB-separated, LF line ends; the unit columns
``EnhetNivaa Nasjonaltkode Fylkekode Kommunekode Organisasjonsnummer Nasjonalt Fylke Kommune
EnhetNavn``, then three columns per school year × test (``2024-25.Lesing.5. årstrinn.Alle
eierformer.Alle kjønn.Skalapoeng`` / ``….Usikkerhet`` / ``….Antall elever deltatt``). One row for
the nation, each county and each municipality (``Alle skoler``), then the schools, county by
county and municipality by municipality; school names end in a space, as Udir writes them.
Scale points are whole numbers, the uncertainty has a decimal comma (``2,1``), counts of 1,000
and more a space as thousands separator (``1 294``); a test is either all given, all ``*``
(suppressed) or all empty (the school has no such grade), as in the real files. A few tests have
``0`` pupils and nothing else (the format stores nothing for them).

The tests are the catalogue's: English, reading and numeracy in grades 5 and 8, reading and
numeracy in grade 9 (NPLES09, NPREG09) — 8 tests, 24 measure columns per school year.
"""
import random

#: The 15 counties (2024 numbers) and how many municipalities each has (356 in all).
COUNTIES = [("03", "Oslo", 1), ("11", "Rogaland", 23), ("15", "Møre og Romsdal", 26), ("18", "Nordland", 41),
            ("31", "Østfold", 12), ("32", "Akershus", 21), ("33", "Buskerud", 18), ("34", "Innlandet", 46),
            ("39", "Vestfold", 6), ("40", "Telemark", 17), ("42", "Agder", 25), ("46", "Vestland", 43),
            ("50", "Trøndelag", 38), ("55", "Troms", 21), ("56", "Finnmark", 18)]
UNIT_HEADINGS = ["EnhetNivaa", "Nasjonaltkode", "Fylkekode", "Kommunekode", "Organisasjonsnummer", "Nasjonalt",
                 "Fylke", "Kommune", "EnhetNavn"]
#: (subject as Statistikkbanken names it, grade) in the order of its columns.
TESTS = [("Engelsk", 5), ("Lesing", 5), ("Regning", 5), ("Engelsk", 8), ("Lesing", 8), ("Regning", 8),
         ("Lesing", 9), ("Regning", 9)]
MEASURES = ["Skalapoeng", "Usikkerhet", "Antall elever deltatt"]
#: How often a school's test is suppressed, empty (no such grade) or has 0 pupils.
SUPPRESSED_SHARE = 0.20
EMPTY_SHARE = 0.03
ZERO_SHARE = 0.005


def headings(years):
    columns = list(UNIT_HEADINGS)
    for year in years:
        label = f"{year}-{(year + 1) % 100:02d}"
        for subject, grade in TESTS:
            columns += [f"{label}.{subject}.{grade}. årstrinn.Alle eierformer.Alle kjønn.{measure}"
                        for measure in MEASURES]
    return columns


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _comparison_cells(rng, years, pupils_scale):
    cells = []
    for _year in years:
        for _test in TESTS:
            pupils = max(1, int(pupils_scale * rng.uniform(0.95, 1.05)))
            uncertainty = max(0.1, round(60 / pupils ** 0.5, 1))
            cells += [str(rng.randint(47, 53)), f"{uncertainty:.1f}".replace(".", ","), _count(pupils)]
    return cells


def _school_cells(rng, years):
    """The measure cells of one school; returns (cells, records the import stores)."""
    cells, stored = [], 0
    for _year in years:
        for _test in TESTS:
            draw = rng.random()
            if draw < EMPTY_SHARE:
                cells += ["", "", ""]
            elif draw < EMPTY_SHARE + ZERO_SHARE:
                cells += ["", "", "0"]
            elif draw < EMPTY_SHARE + ZERO_SHARE + SUPPRESSED_SHARE:
                cells += ["*", "*", "*"]
                stored += 1
            else:
                pupils = rng.randint(10, 140)
                cells += [str(round(rng.gauss(50, 5))), f"{rng.uniform(1.5, 6.0):.1f}".replace(".", ","), str(pupils)]
                stored += 1
    return cells, stored


def generate(path, orgs, years, *, home_number="9990", home_name="Benchkommune", seed=2024):
    """Write the file; the schools ``orgs`` are spread over the municipalities, the first of which
    is ``home_number`` (the import's own). Returns (rows, records of the schools and of the home
    municipality's row that an import of the home municipality stores)."""
    rng = random.Random(seed)
    municipalities = []  # (county code, county name, number, name)
    for county_code, county_name, count in COUNTIES:
        municipalities += [(county_code, county_name, f"{county_code}{n:02d}", f"Kommune {county_code}{n:02d}")
                           for n in range(1, count + 1)]
    municipalities[0] = (*municipalities[0][:2], home_number, home_name)
    per_municipality = {}
    for index, org in enumerate(orgs):
        per_municipality.setdefault(municipalities[index % len(municipalities)][2], []).append((index, org))
    lines = ["\t".join(headings(years))]
    total = sum(len(per) for per in per_municipality.values())
    lines.append("\t".join(["1", "I", "00", "0000", "I", "Hele landet", "Alle fylker", "Alle kommuner", "Alle skoler"]
                           + _comparison_cells(rng, years, 57_000)))
    stored = 0
    rows = 1
    with open(path, "w", encoding="utf-16-le", newline="") as out:
        out.write("sep=\t\n")
        out.write("\n".join(lines) + "\n")
        for county_code, county_name, _size in COUNTIES:
            in_county = [m for m in municipalities if m[0] == county_code]
            schools = sum(len(per_municipality.get(m[2], [])) for m in in_county)
            out.write("\t".join(["2", "I", county_code, "0000", county_code, "Hele landet", county_name,
                                 "Alle kommuner", "Alle skoler"]
                                + _comparison_cells(rng, years, 57_000 * schools / total)) + "\n")
            rows += 1
            for _c, _cn, number, name in in_county:
                mine = per_municipality.get(number, [])
                cells = _comparison_cells(rng, years, 20 * max(1, len(mine)) + 5)
                out.write("\t".join(["3", "I", county_code, number, number, "Hele landet", county_name, name,
                                     "Alle skoler"] + cells) + "\n")
                rows += 1
                if number == home_number:
                    stored += len(years) * len(TESTS)
                for index, org in mine:
                    cells, records = _school_cells(rng, years)
                    out.write("\t".join(["4", "I", county_code, number, org, "Hele landet", county_name, name,
                                         f"Skole {index} "] + cells) + "\n")
                    rows += 1
                    stored += records
    return rows, stored
