"""Every Norwegian catalogue is complete and its committed .mo is compiled from its .po."""
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR).glob("locale/*/LC_MESSAGES/django.po")) + sorted(
    Path(settings.BASE_DIR).glob("*/locale/*/LC_MESSAGES/django.po"))
CATALOGUES = [p for p in CATALOGUES if ".venv" not in p.parts]


def test_there_are_catalogues():
    assert any(p.parts[-4:-2] == ("locale", "nb") for p in CATALOGUES)


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_catalogue_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()][:10]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()][:10]
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: compile it"
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or dict(e.msgstr_plural)) for e in polib.mofile(str(mo_path))}
    current = {(e.msgctxt, e.msgid): (e.msgstr or {k: v for k, v in e.msgstr_plural.items()})
               for e in po.translated_entries()}
    stale = [key[1] for key in current if key not in compiled]
    assert not stale, f"{mo_path} is older than its .po (recompile): {stale[:5]}"


def test_one_english_text_has_one_norwegian_translation_across_the_catalogues():
    """Django merges the catalogues: for a text two apps translate differently, the first app's wins on
    every page (the meetings' «Avlyst» showed as the competence sign-ups' «Avmeldt»). A text that means
    different things takes a context (``pgettext``, ``{% translate … context "…" %}``)."""
    found: dict = {}
    for po_path in CATALOGUES:
        if po_path.parts[-4:-2] != ("locale", "nb"):
            continue
        for entry in polib.pofile(str(po_path)).translated_entries():
            text = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            found.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(text, []).append(
                str(po_path.relative_to(settings.BASE_DIR)))
    clashes = {key[1]: variants for key, variants in found.items() if len(variants) > 1}
    assert not clashes, clashes
