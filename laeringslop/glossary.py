"""The glossary («Ordliste», /hjelp/ordliste/): the words the results pages use, each with an anchor
that the pages link to (``{% url 'glossary' %}#mestringsnivaa``). The anchors are fixed: pages link to them.

Terms and texts are translatable (English msgids, Norwegian in locale/); the order is the page's.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    anchor: str
    term: str
    text: str


GLOSSARY = [
    Term("indikator", _("Indicator"),
         _("A measure of the school’s results that is followed year by year, e.g. the national test in reading in "
           "grade 5, an index of the Pupil Survey or the lower secondary school points. Udir’s indicators make up "
           "the national catalogue; a municipality can add local indicators of its own.")),
    Term("laeringsspeil", _("Læringsspeil"),
         _("The «learning mirror»: one page per school and school year that gathers the indicators the school and "
           "the school owner find important, compared with last year, the municipality and the nation, and the "
           "school’s self-assessment. It prepares the yearly development dialogue between the director and the "
           "rector.")),
    Term("egenvurdering", _("Self-assessment"),
         _("The school leadership’s answers to the year’s questions, based on the staff’s input, some with a "
           "rating from 1 (to a small extent) to 4 (to a very large extent). Submitted answers are locked.")),
    Term("reell-forskjell", _("Real difference"),
         _("A difference counts as real only when it is larger than the margin of error: then it is marked better "
           "or weaker (▲ higher, ▼ lower). A smaller difference is marked ≈ «within the margin»: it may be chance, "
           "and should not be read as progress or decline.")),
    Term("feilmargin", _("Margin of error (uncertainty)"),
         _("How much a result could differ by chance, e.g. because few pupils took the test. The portal uses the "
           "uncertainty Udir publishes with the result; where none is published, the margin the number of pupils "
           "allows (95 %). Few pupils give a wide margin.")),
    Term("prikket", _("Suppressed (*)"),
         _("Udir hides results for small groups to protect the pupils’ privacy: the value is shown as *. A "
           "suppressed value is not a zero, and cannot be compared.")),
    Term("mangler", _("No data (–)"),
         _("There is no value for the year, e.g. because the school had no pupils in the grade or the results have "
           "not been imported yet. A missing value is not a zero either.")),
    Term("brudd-i-tidsrekken", _("Break in the time series"),
         _("Udir’s «Brudd i tidsrekke»: from a certain year the results are a new series (e.g. the national tests "
           "from autumn 2022 on, with a new scale), so they cannot be compared with the years before. Charts draw a "
           "dashed line at the break and do not join the points across it.")),
    Term("nasjonale-prover", _("National tests"),
         _("Tests in reading, numeracy and English in grades 5 and 8, and in reading and numeracy in grade 9. The "
           "results are given in scale points and as the share of pupils on each mastery level.")),
    Term("skalapoeng", _("Scale points"),
         _("The national tests’ score: the national mean is 50 and the standard deviation 10 in the year the scale "
           "was set. Scale points of the same test can be compared over the years within one series.")),
    Term("mestringsnivaa", _("Mastery level"),
         _("The national tests sort the pupils into levels by their results: levels 1–3 in grade 5 and 1–5 in grades "
           "8 and 9, where the highest level is the strongest. A school’s result is also shown as the share of its "
           "pupils on each level.")),
    Term("elevundersokelsen", _("The Pupil Survey"),
         _("Udir’s yearly survey of the pupils’ learning environment (Elevundersøkelsen). Its indices, such as "
           "well-being at school and support from the teachers, go from 1 to 5, higher is better; bullying is the "
           "share of pupils who report being bullied, lower is better.")),
    Term("grunnskolepoeng", _("Lower secondary school points"),
         _("Grunnskolepoeng: the average of a pupil’s final grades (overall achievement and exams) at the end of "
           "grade 10, multiplied by ten. Shown for the school as the average of its pupils.")),
    Term("utviklingssamtale", _("Development dialogue"),
         _("The yearly meeting between the education director and each rector, prepared by a report with the "
           "Læringsspeil and the self-assessment; follow-up tasks are agreed there.")),
]
