"""Norwegian Bokmål for the indicators app; `python indicators/locale/translations_nb.py` fills the .po.

Kept as data so a re-extraction (makemessages) can be filled again without retyping.
"""
NB = {
    "Indicators and results": "Indikatorer og resultater",
    "File": "Fil",
    "CSV (semicolon-separated, UTF-8 or Windows-1252) or XLSX (first sheet), as downloaded from Udir.":
        "CSV (semikolonseparert, UTF-8 eller Windows-1252) eller XLSX (første ark), slik den lastes ned fra Udir.",
    "Format": "Format",
    "Detect from the column headings": "Finn formatet ut fra kolonneoverskriftene",
    "Only check the file (store nothing)": "Bare kontroller filen (lagre ingenting)",
    "The file is %(size)s MB; the limit is %(limit)s MB.": "Filen er på %(size)s MB; grensen er %(limit)s MB.",
    "The file is empty.": "Filen er tom.",
    "Choose a CSV or XLSX file (the file name ends in .csv or .xlsx).":
        "Velg en CSV- eller XLSX-fil (filnavnet slutter på .csv eller .xlsx).",
    "The column %(column)s appears twice (as «%(first)s» and «%(second)s»).":
        "Kolonnen %(column)s finnes to ganger (som «%(first)s» og «%(second)s»).",
    "Missing column(s): %(columns)s. The first row must hold the column names.":
        "Mangler kolonne(r): %(columns)s. Første rad må inneholde kolonnenavnene.",
    "«%(value)s» is not a level: use 1 (nation), 2 (county), 3 (municipality) or 4 (school).":
        "«%(value)s» er ikke et nivå: bruk 1 (nasjonalt), 2 (fylke), 3 (kommune) eller 4 (skole).",
    "«%(value)s»: for the nation (level 1) the number is «I».":
        "«%(value)s»: for nasjonalt nivå (nivå 1) er nummeret «I».",
    "«%(value)s» is not a county number (2 digits).": "«%(value)s» er ikke et fylkesnummer (2 sifre).",
    "«%(value)s» is not a municipality number (4 digits).": "«%(value)s» er ikke et kommunenummer (4 sifre).",
    "«%(value)s» is not an organisation number (9 digits).":
        "«%(value)s» er ikke et organisasjonsnummer (9 sifre).",
    "«%(value)s» is not a valid organisation number: the check digit is wrong.":
        "«%(value)s» er ikke et gyldig organisasjonsnummer: kontrollsifferet er feil.",
    "the same unit, school year and test or indicator (%(what)s) as row %(first)s.":
        "samme enhet, skoleår og prøve eller indikator (%(what)s) som rad %(first)s.",
    "«%(value)s» is not an indicator in the catalogue (use its code, e.g. GSP).":
        "«%(value)s» er ikke en indikator i katalogen (bruk koden, for eksempel GSP).",
    "«%(value)s» is not a known test code (%(codes)s).": "«%(value)s» er ikke en kjent prøvekode (%(codes)s).",
    "grade %(grade)s has mastery levels 1–%(levels)s only; there is no level %(level)s.":
        "%(grade)s. trinn har bare mestringsnivå 1–%(levels)s; nivå %(level)s finnes ikke.",
    "the mastery shares sum to %(sum)s, not about 100.":
        "andelene på mestringsnivåene summerer seg til %(sum)s, ikke omtrent 100.",
    "«%(value)s» is not a grade (5–10, or VG1–VG3).": "«%(value)s» er ikke et trinn (5–10 eller VG1–VG3).",
    "«%(value)s» is not an index of the pupil survey in the catalogue.":
        "«%(value)s» er ikke en indeks fra Elevundersøkelsen i katalogen.",
    "AndelMobbet belongs only on the bullying rows (Mobbing på skolen).":
        "AndelMobbet hører bare hjemme på radene om mobbing (Mobbing på skolen).",
    "The columns do not match any known format. The first row must hold Udir's column names (e.g. Skoleaarnavn, Organisasjonsnummer, Proevekode).":
        "Kolonnene passer ikke med noe kjent format. Første rad må inneholde Udirs kolonnenavn "
        "(for eksempel Skoleaarnavn, Organisasjonsnummer, Proevekode).",
    "the row has %(cells)s cells but the heading row has %(columns)s columns.":
        "raden har %(cells)s celler, men overskriftsraden har %(columns)s kolonner.",
    "The file has a heading row but no rows of data.": "Filen har en overskriftsrad, men ingen rader med data.",
    "Row %(row)s, column %(column)s: %(message)s": "Rad %(row)s, kolonne %(column)s: %(message)s",
    "Row %(row)s: %(message)s": "Rad %(row)s: %(message)s",
    "The file is neither CSV nor XLSX. Save it as CSV (semicolon-separated) or as an Excel workbook (.xlsx).":
        "Filen er verken CSV eller XLSX. Lagre den som CSV (semikolonseparert) eller som Excel-arbeidsbok (.xlsx).",
    "The file cannot be read: it is neither UTF-8 nor Windows-1252 text.":
        "Filen kan ikke leses: den er verken UTF-8- eller Windows-1252-tekst.",
    "The columns are separated by «%(separator)s»; Udir's files use semicolons (;). Save the file as semicolon-separated CSV.":
        "Kolonnene er skilt med «%(separator)s»; Udirs filer bruker semikolon (;). "
        "Lagre filen som semikolonseparert CSV.",
    "The workbook would expand to %(size)s MB (or compresses suspiciously well); the limit is %(limit)s MB. It is refused to protect the server.":
        "Arbeidsboken ville blitt %(size)s MB utpakket (eller er mistenkelig godt komprimert); grensen er "
        "%(limit)s MB. Den avvises for å beskytte serveren.",
    "The workbook cannot be read.": "Arbeidsboken kan ikke leses.",
    "the cell holds a formula; save the workbook with values only.":
        "cellen inneholder en formel; lagre arbeidsboken med bare verdier.",
    "«%(value)s» is missing from the portal's indicator catalogue.":
        "«%(value)s» mangler i portalens indikatorkatalog.",
    "«%(value)s» is not a number.": "«%(value)s» er ikke et tall.",
    "«%(value)s» is outside %(low)s–%(high)s.": "«%(value)s» er utenfor %(low)s–%(high)s.",
    "«%(value)s» is negative; a count cannot be.": "«%(value)s» er negativt; et antall kan ikke være det.",
    "«%(value)s» is not a whole number.": "«%(value)s» er ikke et heltall.",
    "«%(value)s» is not a school year like «2024-25».": "«%(value)s» er ikke et skoleår på formen «2024-25».",
    "«%(value)s» looks like a spreadsheet formula; text cells may not start with = + - or @.":
        "«%(value)s» ser ut som en regnearkformel; tekstceller kan ikke begynne med = + - eller @.",
    "the text is longer than %(max)s characters.": "teksten er lengre enn %(max)s tegn.",
    "Cannot open %(path)s: %(error)s": "Kan ikke åpne %(path)s: %(error)s",
    "%(n)s problem(s) found; nothing was stored.": "Fant %(n)s problem(er); ingenting ble lagret.",
    "Learning results": "Læringsresultater",
    "Learning environment": "Læringsmiljø",
    "Completion": "Gjennomføring",
    "Higher is better": "Høyere er bedre",
    "Lower is better": "Lavere er bedre",
    "National tests": "Nasjonale prøver",
    "Pupil survey": "Elevundersøkelsen",
    "Lower secondary school points": "Grunnskolepoeng",
    "Exams": "Eksamen",
    "Local": "Lokal",
    "code": "kode",
    "Udir's code where there is one, e.g. NPLES05.": "Udirs kode der den finnes, for eksempel NPLES05.",
    "name": "navn",
    "area": "område",
    "source": "kilde",
    "unit": "enhet",
    "e.g. scale points, %, points": "for eksempel skalapoeng, %, poeng",
    "scale minimum": "skalaens minimum",
    "scale maximum": "skalaens maksimum",
    "direction": "retning",
    "grades": "trinn",
    "The grades it applies to.": "Trinnene den gjelder for.",
    "shown": "vises",
    "local indicator": "lokal indikator",
    "sort order": "sorteringsrekkefølge",
    "description": "beskrivelse",
    "indicator": "indikator",
    "indicators": "indikatorer",
    "Nation": "Nasjonalt",
    "County": "Fylke",
    "Municipality": "Kommune",
    "School": "Skole",
    "school year": "skoleår",
    "The year the school year starts: 2024 means 2024-25.": "Året skoleåret begynner: 2024 betyr 2024-25.",
    "grade": "trinn",
    "0 when not tied to one grade.": "0 når verdien ikke gjelder ett bestemt trinn.",
    "level": "nivå",
    "area code": "områdekode",
    "area name": "områdenavn",
    "value": "verdi",
    "suppressed": "prikket",
    "Hidden by Udir to protect small groups ('*').": "Skjult av Udir for å beskytte små grupper («*»).",
    "uncertainty": "usikkerhet",
    "number of pupils": "antall elever",
    "details": "detaljer",
    "updated": "oppdatert",
    "indicator value": "indikatorverdi",
    "indicator values": "indikatorverdier",
    "National tests (Udir)": "Nasjonale prøver (Udir)",
    "Pupil survey (Udir)": "Elevundersøkelsen (Udir)",
    "Simple long format (indicator, value)": "Enkelt langformat (indikator, verdi)",
    "Waiting": "Venter",
    "Running": "Kjører",
    "Imported": "Importert",
    "Checked (dry run)": "Kontrollert (prøvekjøring)",
    "Rejected: the file has problems": "Avvist: filen har feil",
    "Failed": "Mislyktes",
    "format": "format",
    "Empty: detect it from the column headings.": "Tom: finn formatet ut fra kolonneoverskriftene.",
    "file": "fil",
    "file name": "filnavn",
    "size in bytes": "størrelse i byte",
    "SHA-256": "SHA-256",
    "dry run": "prøvekjøring",
    "municipality": "kommune",
    "uploaded by": "lastet opp av",
    "uploaded": "lastet opp",
    "started": "startet",
    "finished": "ferdig",
    "status": "status",
    "rows in the file": "rader i filen",
    "rows checked": "rader kontrollert",
    "summary": "sammendrag",
    "number of problems": "antall problemer",
    "problems": "problemer",
    "error": "feil",
    "import": "import",
    "imports": "importer",
    "before": "før",
    "after": "etter",
    "value change": "verdiendring",
    "value changes": "verdiendringer",
    "Import results": "Importer resultater",
    "Rows read: %(n)s": "Rader lest: %(n)s",
    "Values created: %(n)s": "Verdier opprettet: %(n)s",
    "Values updated: %(n)s": "Verdier oppdatert: %(n)s",
    "Values unchanged: %(n)s": "Verdier uendret: %(n)s",
    "Suppressed values (*): %(n)s": "Prikkede verdier (*): %(n)s",
    "Comparison values (municipality, county, nation): %(n)s":
        "Sammenligningsverdier (kommune, fylke, nasjonalt): %(n)s",
    "Schools covered: %(n)s": "Skoler med data: %(n)s",
    "Schools in the file that are not units in the portal (not stored): %(n)s":
        "Skoler i filen som ikke er enheter i portalen (ikke lagret): %(n)s",
    "Nothing changed: the stored values already match the file.":
        "Ingen endringer: de lagrede verdiene stemmer allerede med filen.",
    "Dry run: nothing was stored.": "Prøvekjøring: ingenting ble lagret.",
    "%(checked)s of %(total)s rows checked": "%(checked)s av %(total)s rader kontrollert",
    "Rows checked": "Rader kontrollert",
    "Refresh to see the progress": "Last siden på nytt for å se fremdriften",
    "Import": "Import",
    "Uploaded": "Lastet opp",
    "by": "av",
    "the command line": "kommandolinjen",
    "The import stopped because of an error in the portal. Nothing was stored. Please tell the administrator.":
        "Importen stoppet på grunn av en feil i portalen. Ingenting ble lagret. Gi beskjed til administratoren.",
    "%(counter)s problem – nothing was stored": ("%(counter)s problem – ingenting ble lagret",
                                                 "%(counter)s problemer – ingenting ble lagret"),
    "The first %(shown)s are shown.": "De første %(shown)s vises.",
    "Download the problems as CSV": "Last ned problemene som CSV",
    "Problems in the file": "Problemer i filen",
    "Row": "Rad",
    "Column": "Kolonne",
    "Value": "Verdi",
    "Problem": "Problem",
    "Result": "Resultat",
    "Dry run: nothing was stored. These are the changes an import would make.":
        "Prøvekjøring: ingenting ble lagret. Dette er endringene en import ville gjort.",
    "The same file was imported before.": "Den samme filen er importert før.",
    "See that import": "Se den importen",
    "Counts": "Antall",
    "Rows read": "Rader lest",
    "Values created": "Verdier opprettet",
    "Values updated": "Verdier oppdatert",
    "Values unchanged": "Verdier uendret",
    "Suppressed values (*)": "Prikkede verdier (*)",
    "Comparison values (municipality, county, nation)": "Sammenligningsverdier (kommune, fylke, nasjonalt)",
    "Schools covered": "Skoler med data",
    "Schools in the file that are not units in the portal (not stored)":
        "Skoler i filen som ikke er enheter i portalen (ikke lagret)",
    "%(counter)s school": ("%(counter)s skole", "%(counter)s skoler"),
    "Changed values": "Endrede verdier",
    "Old and new values": "Gamle og nye verdier",
    "Change": "Endring",
    "Import history": "Importhistorikk",
    "Who uploaded which file, when, and the result": "Hvem som lastet opp hvilken fil, når, og resultatet",
    "By": "Av",
    "Status": "Status",
    "%(counter)s problem": ("%(counter)s problem", "%(counter)s problemer"),
    "%(c)s created, %(u)s updated, %(n)s unchanged": "%(c)s opprettet, %(u)s oppdatert, %(n)s uendret",
    "No files have been imported yet.": "Ingen filer er importert ennå.",
    "Upload the national test results, the pupil survey or other indicators as downloaded from Udir. Every row is checked first: if any row has a problem, nothing is stored.":
        "Last opp resultatene fra nasjonale prøver, Elevundersøkelsen eller andre indikatorer slik de lastes ned "
        "fra Udir. Alle rader kontrolleres først: har én rad en feil, lagres ingenting.",
    "See the import history": "Se importhistorikken",
    "You can also drag the file here.": "Du kan også dra filen hit.",
    "Upload and check": "Last opp og kontroller",
    "Formats": "Formater",
    "National tests: Skoleaarnavn, EnhetNivaa, Organisasjonsnummer, EnhetNavn, Proevekode, Skalapoeng, Usikkerhet, AntallElever, AndelMestringsnivaa1–5.":
        "Nasjonale prøver: Skoleaarnavn, EnhetNivaa, Organisasjonsnummer, EnhetNavn, Proevekode, Skalapoeng, "
        "Usikkerhet, AntallElever, AndelMestringsnivaa1–5.",
    "Pupil survey: Skoleaarnavn, EnhetNivaa, Organisasjonsnummer, EnhetNavn, TrinnKode, Spoersmaalgruppe, Score, Standardavvik, AntallBesvart, AndelMobbet.":
        "Elevundersøkelsen: Skoleaarnavn, EnhetNivaa, Organisasjonsnummer, EnhetNavn, TrinnKode, "
        "Spoersmaalgruppe, Score, Standardavvik, AntallBesvart, AndelMobbet.",
    "Simple long format: Skoleaarnavn, Organisasjonsnummer, Indikator, Verdi, Antall.":
        "Enkelt langformat: Skoleaarnavn, Organisasjonsnummer, Indikator, Verdi, Antall.",
    "Results from Udir": "Resultater fra Udir",
    "Upload national test results, the pupil survey or other indicators.":
        "Last opp resultater fra nasjonale prøver, Elevundersøkelsen eller andre indikatorer.",
}


def fill(path):
    """Fill every msgstr of the .po at ``path`` from NB; report msgids without a translation."""
    import re

    text = open(path, encoding="utf-8").read()
    head, *blocks = text.split("\n\n")
    head = head.replace("#, fuzzy\n", "").replace('"Language: \\n"', '"Language: nb\\n"')
    missing, out = [], [head]

    def po(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    for block in blocks:
        if not block.strip():
            continue
        comments = [line for line in block.splitlines() if line.startswith("#") and line != "#, fuzzy"]
        comments = [c.replace(", fuzzy", "") for c in comments]
        fields, current = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"'):
                fields[current] += line[1:-1]
        msgid = fields["msgid"].replace('\\"', '"').replace("\\n", "\n")
        translation = NB.get(msgid)
        if translation is None:
            missing.append(msgid)
            translation = ""
        lines = comments + ["msgid " + po(msgid)]
        if "msgid_plural" in fields:
            lines.append("msgid_plural " + po(fields["msgid_plural"].replace('\\"', '"')))
            one, many = translation if translation else ("", "")
            lines += ["msgstr[0] " + po(one), "msgstr[1] " + po(many)]
        else:
            lines.append("msgstr " + po(translation))
        out.append("\n".join(lines))
    open(path, "w", encoding="utf-8").write("\n\n".join(out) + "\n")
    return missing


if __name__ == "__main__":
    import sys
    from pathlib import Path

    target = Path(__file__).parent / "nb" / "LC_MESSAGES" / "django.po"
    left = fill(target)
    if left:
        print("Missing translations:", *left, sep="\n  ")
        sys.exit(1)
