"""The national indicator catalogue, loaded by a data migration (0002_catalogue).

Kept as plain data so the migration and the tests read the same list.
"""

NATIONAL_TESTS = [
    # code, name, grade
    ("NPENG05", "Nasjonale prøver engelsk 5. trinn", 5),
    ("NPLES05", "Nasjonale prøver lesing 5. trinn", 5),
    ("NPREG05", "Nasjonale prøver regning 5. trinn", 5),
    ("NPENG08", "Nasjonale prøver engelsk 8. trinn", 8),
    ("NPLES08", "Nasjonale prøver lesing 8. trinn", 8),
    ("NPREG08", "Nasjonale prøver regning 8. trinn", 8),
    ("NPLES09", "Nasjonale prøver lesing 9. trinn", 9),
    ("NPREG09", "Nasjonale prøver regning 9. trinn", 9),
]

#: Where a new series begins (school-year start years), by indicator code. Udir: the national
#: tests from 2022-23 on are a new series («Brudd i tidsrekke»), not comparable with earlier years.
SERIES_STARTS = {code: [2022] for code, _name, _grade in NATIONAL_TESTS}

#: The spread between pupils (Indicator.pupil_sd) by indicator code, where the rule needs one: 10 scale
#: points for the national tests (Udir's scale), 1 for the survey's 1–5 indices and for grades, 8.5 for
#: grunnskolepoeng. Shares in % have none (the spread follows from the share).
PUPIL_SD = {code: 10 for code, _name, _grade in NATIONAL_TESTS}

PUPIL_SURVEY_INDICES = [
    ("EU_TRIVSEL", "Trivsel"),
    ("EU_STOTTE_LAERER", "Støtte fra lærerne"),
    ("EU_STOTTE_HJEM", "Støtte hjemmefra"),
    ("EU_VURDERING", "Vurdering for læring"),
    ("EU_LAERINGSKULTUR", "Læringskultur"),
    ("EU_MESTRING", "Mestring"),
    ("EU_MOTIVASJON", "Motivasjon"),
    ("EU_ELEVDEMOKRATI", "Elevdemokrati og medvirkning"),
    ("EU_FELLES_REGLER", "Felles regler"),
    ("EU_FAGLIG_UTFORDRING", "Faglig utfordring"),
    ("EU_UTDANNING_YRKE", "Utdanning og yrkesveiledning"),
]

#: The participation in the survey (Udir's «Deltakelse» table): the share of invited pupils who
#: answered, stored per school, year and grade beside the indices (pupil_count = answered,
#: details["invited"] = invited). Not an index: not offered when indicators are chosen.
PARTICIPATION = "EU_DELTAKELSE"

#: Udir's own codes and names of the survey's indicators, as its files write them (the export
#: API's Spoersmaalgruppe / Spoersmaalgruppekode / Spoersmaalkode, the web download's Indikatorkode /
#: Indikatornavn). Stored on the indicator (Indicator.udir_names, migration 0014_survey_formats) so
#: an adviser can add a new spelling in the admin without a code change.
UDIR_NAMES = {
    "EU_TRIVSEL": ["Trivsel", "EUIndeks_1379"],
    "EU_STOTTE_LAERER": ["Støtte fra lærer", "Støtte fra lærerne"],
    "EU_STOTTE_HJEM": ["Støtte hjemmefra"],
    "EU_VURDERING": ["Vurdering for læring"],
    "EU_LAERINGSKULTUR": ["Læringskultur"],
    "EU_MESTRING": ["Mestring"],
    "EU_MOTIVASJON": ["Motivasjon"],
    "EU_ELEVDEMOKRATI": ["Elevdemokrati og medvirkning"],
    "EU_FELLES_REGLER": ["Felles regler"],
    "EU_FAGLIG_UTFORDRING": ["Faglig utfordring"],
    "EU_UTDANNING_YRKE": ["Utdanning og yrkesveiledning", "Utdanning og yrkesveiledning (videregående)"],
    "EU_MOBBING": ["Mobbing på skolen", "Mobbing på skolen (prosent)", "EUIndeks_1398", "67.19.00.11"],
}


#: Foreldreundersøkelsen i barnehagen (Udir's parent survey for kindergartens): the themes
#: («spørsmålsgrupper»), each an average on a 1–5 scale where 5 is best, as Udir and the
#: municipalities publish them (e.g. Oslo kommune's results page: «Ute- og innemiljø»,
#: «Relasjon mellom barn og voksen», «Barnets trivsel», «Informasjon», «Barnets utvikling»,
#: «Medvirkning», «Henting og levering», «Tilvenning og skolestart», «Tilfredshet»).
#: They are kindergarten indicators (Indicator.applies_to).
PARENT_SURVEY_INDICES = [
    ("FU_TILFREDSHET", "Tilfredshet"),
    ("FU_TRIVSEL", "Barnets trivsel"),
    ("FU_RELASJON", "Relasjon mellom barn og voksen"),
    ("FU_UTVIKLING", "Barnets utvikling"),
    ("FU_HENTING", "Henting og levering"),
    ("FU_INFORMASJON", "Informasjon"),
    ("FU_MEDVIRKNING", "Medvirkning"),
    ("FU_UTE_INNE", "Ute- og innemiljø"),
    ("FU_TILVENNING", "Tilvenning og skolestart"),
]
UDIR_NAMES.update({
    "FU_TILFREDSHET": ["Tilfredshet", "Tilfredshet med barnehagen"],
    "FU_TRIVSEL": ["Barnets trivsel", "Trivsel"],
    "FU_RELASJON": ["Relasjon mellom barn og voksen", "Relasjon mellom barn og voksne"],
    "FU_UTVIKLING": ["Barnets utvikling"],
    "FU_HENTING": ["Henting og levering"],
    "FU_INFORMASJON": ["Informasjon"],
    "FU_MEDVIRKNING": ["Medvirkning"],
    "FU_UTE_INNE": ["Ute- og innemiljø", "Ute og inne-miljø", "Ute- og inne-miljø", "Ute og innemiljø"],
    "FU_TILVENNING": ["Tilvenning og skolestart", "Tilvenning/skolestart", "Tilvenning"],
})

#: Grades at the end of grade 10 (source «exams», standpunkt too) from Statistikkbanken's «Karakterer» download: per assessment
#: (the heading's second part, normalised) and subject, the indicator and Udir's Vurderingsfagkode.
#: A subject changed code with the new curriculum (LK06 → LK20, the fagfornyelsen): both codes
#: give the same indicator, so a school's series runs on across the change.
GRADE_INDICATORS = [
    # code, name, assessment, LK06 code, LK20 code
    ("STP_NOR", "Standpunkt norsk hovedmål skriftlig", "standpunkt", "NOR0214", "NOR0218"),
    ("STP_MAT", "Standpunkt matematikk", "standpunkt", "MAT0010", "MAT0015"),
    ("STP_ENG", "Standpunkt engelsk skriftlig", "standpunkt", "ENG0012", "ENG0030"),
    ("EKS_NOR", "Eksamen norsk hovedmål skriftlig", "skriftligeksamen", "NOR0214", "NOR0218"),
    ("EKS_MAT", "Eksamen matematikk skriftlig", "skriftligeksamen", "MAT0010", "MAT0015"),
    ("EKS_ENG", "Eksamen engelsk skriftlig", "skriftligeksamen", "ENG0012", "ENG0030"),
]
PUPIL_SD.update({code: 1 for code, _name in PUPIL_SURVEY_INDICES})
PUPIL_SD.update({code: 1 for code, *_rest in GRADE_INDICATORS})
PUPIL_SD.update({code: 1 for code, _name in PARENT_SURVEY_INDICES})
PUPIL_SD["GSP"] = 8.5
#: (assessment, Vurderingsfagkode) -> indicator code, for the importer.
GRADE_SUBJECT_CODES = {(assessment, subject): code
                       for code, _name, assessment, *subjects in GRADE_INDICATORS for subject in subjects}


#: The national indicators' English names (Indicator.name_en), in Udir's own English terms where
#: Udir has them (the national tests' «Reading 5th grade», the Pupil Survey's «Well-being at school»,
#: «Lower secondary school points» for grunnskolepoeng). Loaded by 0018_indicator_english_names.
ENGLISH_NAMES = {
    "NPENG05": "National tests: English 5th grade",
    "NPLES05": "National tests: Reading 5th grade",
    "NPREG05": "National tests: Numeracy 5th grade",
    "NPENG08": "National tests: English 8th grade",
    "NPLES08": "National tests: Reading 8th grade",
    "NPREG08": "National tests: Numeracy 8th grade",
    "NPLES09": "National tests: Reading 9th grade",
    "NPREG09": "National tests: Numeracy 9th grade",
    "GSP": "Lower secondary school points",
    "STP_NOR": "Overall achievement Norwegian first-choice form, written",
    "STP_MAT": "Overall achievement mathematics",
    "STP_ENG": "Overall achievement English, written",
    "EKS_NOR": "Exam Norwegian first-choice form, written",
    "EKS_MAT": "Exam mathematics, written",
    "EKS_ENG": "Exam English, written",
    "EU_TRIVSEL": "Well-being at school",
    "EU_STOTTE_LAERER": "Support from teachers",
    "EU_STOTTE_HJEM": "Support from home",
    "EU_VURDERING": "Assessment for learning",
    "EU_LAERINGSKULTUR": "Learning culture",
    "EU_MESTRING": "Mastery",
    "EU_MOTIVASJON": "Motivation",
    "EU_ELEVDEMOKRATI": "Pupil democracy and participation",
    "EU_FELLES_REGLER": "Common rules",
    "EU_FAGLIG_UTFORDRING": "Academic challenge",
    "EU_UTDANNING_YRKE": "Education and career guidance",
    "EU_MOBBING": "Bullying at school",
    PARTICIPATION: "Participation in the Pupil Survey",
    "GJENNOMFORING": "Completion of upper secondary education",
}

#: The catalogue's units in English (Indicator.unit_label_en), by the Norwegian unit.
#: The parent survey's themes (Udir's «Parent survey for kindergartens»).
ENGLISH_NAMES.update({
    "FU_TILFREDSHET": "Satisfaction", "FU_TRIVSEL": "The child's well-being",
    "FU_RELASJON": "Relationship between child and staff", "FU_UTVIKLING": "The child's development",
    "FU_HENTING": "Drop-off and pick-up", "FU_INFORMASJON": "Information", "FU_MEDVIRKNING": "Parents' involvement",
    "FU_UTE_INNE": "Outdoor and indoor environment", "FU_TILVENNING": "Settling in and starting school",
})
ENGLISH_UNITS = {"skalapoeng": "scale points", "poeng": "points", "karakter": "grade", "indeks 1–5": "index 1–5",
                 "%": "%", "snitt 1–5": "average 1–5"}


def catalogue_rows():
    """Every national indicator as a dict of Indicator field values."""
    rows = []
    for order, (code, name, grade) in enumerate(NATIONAL_TESTS):
        rows.append(dict(code=code, name=name, area="learning_results", source="national_tests",
                         unit_label="skalapoeng", scale_min=0, scale_max=100, direction="higher",
                         grades=[grade], sort_order=10 + order))
    rows.append(dict(code="GSP", name="Grunnskolepoeng", area="learning_results", source="gsp",
                     unit_label="poeng", scale_min=0, scale_max=60, direction="higher", grades=[10], sort_order=30))
    exams = [row for row in GRADE_INDICATORS if row[2] == "skriftligeksamen"]
    for order, (code, name, *_rest) in enumerate(exams):
        rows.append(dict(code=code, name=name, area="learning_results", source="exams", unit_label="karakter",
                         scale_min=1, scale_max=6, direction="higher", grades=[10], sort_order=40 + order))
    standpunkt = [row for row in GRADE_INDICATORS if row[2] == "standpunkt"]
    for order, (code, name, *_rest) in enumerate(standpunkt):
        rows.append(dict(code=code, name=name, area="learning_results", source="exams", unit_label="karakter",
                         scale_min=1, scale_max=6, direction="higher", grades=[10], sort_order=35 + order))
    for order, (code, name) in enumerate(PUPIL_SURVEY_INDICES):
        rows.append(dict(code=code, name=name, area="learning_environment", source="pupil_survey",
                         unit_label="indeks 1–5", scale_min=1, scale_max=5, direction="higher",
                         grades=[5, 6, 7, 8, 9, 10], sort_order=10 + order))
    rows.append(dict(code="EU_MOBBING", name="Mobbing på skolen", area="learning_environment",
                     source="pupil_survey", unit_label="%", scale_min=0, scale_max=100, direction="lower",
                     grades=[5, 6, 7, 8, 9, 10], sort_order=50))
    rows.append(dict(code=PARTICIPATION, name="Deltakelse i Elevundersøkelsen", area="learning_environment",
                     source="pupil_survey", unit_label="%", scale_min=0, scale_max=100, direction="higher",
                     grades=[5, 6, 7, 8, 9, 10], sort_order=60, is_shown=False,
                     description="Andel inviterte elever som svarte på Elevundersøkelsen (Udirs «AndelDeltatt»)."))
    rows.append(dict(code="GJENNOMFORING", name="Gjennomføring i videregående opplæring", area="completion",
                     source="local", unit_label="%", scale_min=0, scale_max=100, direction="higher",
                     grades=[10], sort_order=10,
                     description="Andel elever fra skolen som har fullført og bestått videregående innen fem år."))
    return rows


def english_fields(row) -> dict:
    """A catalogue row's English name and unit (kept out of catalogue_rows: earlier migrations read those
    rows into models that have no English fields yet)."""
    return {"name_en": ENGLISH_NAMES.get(row["code"], ""), "unit_label_en": ENGLISH_UNITS.get(row["unit_label"], "")}


def kindergarten_rows():
    """The national kindergarten indicators (the parent survey's themes) as dicts of Indicator field
    values. Apart from catalogue_rows(), which the early migrations read before Indicator.applies_to
    existed (migration 0018_kindergarten_indicators loads these)."""
    return [dict(code=code, name=name, area="learning_environment", source="parent_survey", unit_label="snitt 1–5",
                 scale_min=1, scale_max=5, direction="higher", grades=[], sort_order=10 + order,
                 applies_to="kindergarten", udir_names=UDIR_NAMES.get(code, []), pupil_sd=PUPIL_SD.get(code))
            for order, (code, name) in enumerate(PARENT_SURVEY_INDICES)]


def catalogue_ensure() -> int:
    """Create the national indicators that are missing (e.g. after a test flushed the table).
    Returns how many were created. Existing indicators are left as they are."""
    from .models import Indicator

    rows = catalogue_rows()
    present = set(Indicator.objects.filter(code__in=[r["code"] for r in rows]).values_list("code", flat=True))
    missing = [Indicator(**row, **english_fields(row), udir_names=UDIR_NAMES.get(row["code"], []),
                         series_starts=SERIES_STARTS.get(row["code"], []), pupil_sd=PUPIL_SD.get(row["code"]))
               for row in rows
               if row["code"] not in present]
    missing += [Indicator(**row) for row in kindergarten_rows() if not Indicator.objects.filter(code=row["code"]).exists()]
    Indicator.objects.bulk_create(missing)
    return len(missing)
