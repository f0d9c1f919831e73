"""Demo data for the core: a fictional municipality, its units and a user for every role.

All names are invented. ``seed(context)`` fills ``context`` with what later apps' demo seeds
need (``municipality``, ``schools``, ``kindergartens``, ``users``).
"""
from .models import Municipality, Region, Role, Unit, UnitKind
from .services import role_assign, upsert, user_ensure
from .validators import org_number_check_digit

DEMO_PASSWORD = "laeringslop-demo"
MUNICIPALITY = ("Elvedal kommune", "9901")
REGIONS = ["Nord", "Sør", "Øst", "Vest"]

SCHOOL_NAMES = [
    "Almeåsen", "Bjørkelia", "Bekkestua", "Dalsvingen", "Eikeberg", "Fjellhaug", "Furuly",
    "Granholt", "Haugtun", "Hegglia", "Istad", "Kjerraten", "Kleiva", "Lindås", "Lyngmo",
    "Marienlyst", "Moskog", "Nordby", "Oredalen", "Osli", "Perlebakken", "Rosenlund", "Rønningen",
    "Sandvika", "Skogly", "Solberg", "Stasjonsbyen", "Storåsen", "Tangen", "Torvhaugen",
    "Ulveneset", "Vardeåsen", "Vestbygda",
]
KINDERGARTEN_NAMES = [
    "Blåbærtua", "Eventyrskogen", "Fiolen", "Grantoppen", "Humla", "Jordbærlandet", "Kongleriket",
    "Lerkebo", "Maurtua", "Måltrosten", "Nøtteliten", "Regnbuen", "Revehiet", "Solsikken",
    "Spurvehagen", "Steinrøysa", "Trollskogen", "Tusenfryd", "Ugleberget", "Vesleheim",
]
#: (first grade, last grade) by position: mostly 1–7 and 8–10, some 1–10.
GRADE_PATTERN = [(1, 7), (1, 7), (8, 10), (1, 7), (1, 10)]


def org_numbers(start: int):
    """Valid, deterministic organisation numbers from ``start`` upwards."""
    base = start
    while True:
        digits = f"{base:08d}"
        check = org_number_check_digit(digits)
        if check is not None:
            yield f"{digits}{check}"
        base += 1


def seed(context: dict) -> None:
    municipality, _c, _ch = upsert(Municipality, {"number": MUNICIPALITY[1]}, {"name": MUNICIPALITY[0]})
    regions = [upsert(Region, {"municipality": municipality, "name": n}, {})[0] for n in REGIONS]

    numbers = org_numbers(97450000)
    schools = []
    for i, name in enumerate(SCHOOL_NAMES):
        first, last = GRADE_PATTERN[i % len(GRADE_PATTERN)]
        suffix = "ungdomsskole" if first == 8 else "skole"
        school, _c, _ch = upsert(
            Unit,
            {"org_number": next(numbers)},
            {"municipality": municipality, "region": regions[i % len(regions)],
             "name": f"{name} {suffix}", "kind": UnitKind.SCHOOL,
             "first_grade": first, "last_grade": last, "active": True},
        )
        schools.append(school)
    numbers = org_numbers(97460000)
    kindergartens = []
    for i, name in enumerate(KINDERGARTEN_NAMES):
        kindergarten, _c, _ch = upsert(
            Unit,
            {"org_number": next(numbers)},
            {"municipality": municipality, "region": regions[i % len(regions)],
             "name": f"{name} barnehage", "kind": UnitKind.KINDERGARTEN,
             "first_grade": None, "last_grade": None, "active": True},
        )
        kindergartens.append(kindergarten)

    def person(username, first, last, **flags):
        return user_ensure(username=username, first_name=first, last_name=last,
                           email=f"{username}@elvedal.kommune.invalid", password=DEMO_PASSWORD, **flags)

    users = {}
    users["direktor"] = person("direktor", "Dina", "Dahl")
    role_assign(user=users["direktor"], role=Role.DIRECTOR, municipality=municipality)
    for username, first, last in [("radgiver", "Rune", "Rasmussen"), ("radgiver2", "Siri", "Strand"),
                                  ("radgiver3", "Tore", "Tangen")]:
        users[username] = person(username, first, last)
        role_assign(user=users[username], role=Role.ADVISER, municipality=municipality)
    # The municipality's administrator (the admin shows Elvedal only) and the installation's operator.
    users["admin"] = person("admin", "Ada", "Aas", is_staff=True)
    role_assign(user=users["admin"], role=Role.ADMINISTRATOR, municipality=municipality)
    users["drift"] = person("drift", "Dag", "Drift", is_staff=True, is_superuser=True)
    first_names = ["Kari", "Ola", "Ingrid", "Lars", "Nora", "Jonas", "Emma", "Henrik", "Sara", "Magnus", "Ida"]
    last_names = ["Berg", "Haugen", "Lie", "Moen", "Bakke", "Nilsen", "Solheim"]
    for i, school in enumerate(schools):
        username = "rektor" if i == 0 else f"rektor{i + 1:02d}"
        users[username] = person(username, first_names[i % len(first_names)], last_names[i % len(last_names)])
        role_assign(user=users[username], role=Role.RECTOR, municipality=municipality, unit=school)
    for i, kindergarten in enumerate(kindergartens):
        username = "styrer" if i == 0 else f"styrer{i + 1:02d}"
        users[username] = person(username, first_names[(i + 3) % len(first_names)],
                                 last_names[(i + 2) % len(last_names)])
        role_assign(user=users[username], role=Role.KINDERGARTEN_HEAD, municipality=municipality, unit=kindergarten)

    context.update(municipality=municipality, regions=regions, schools=schools,
                   kindergartens=kindergartens, users=users, password=DEMO_PASSWORD)
