"""The file formats the import understands, by key (detection tries them in this order)."""
from .base import normalise_header
from .long_format import LongFormat
from .national_tests import NationalTests
from .national_tests_wide import NationalTestsWide
from .parent_survey import ParentSurvey
from .pupil_survey import PupilSurvey
from .pupil_survey_export import PupilSurveyExport
from .pupil_survey_wide import PupilSurveyWide
from .results_wide import ResultsWide

FORMATS = {fmt.key: fmt for fmt in (NationalTests(), NationalTestsWide(), ResultsWide(), ParentSurvey(), PupilSurveyExport(),
                                    PupilSurveyWide(), PupilSurvey(), LongFormat())}


def detect(header) -> str | None:
    """The key of the format whose signature columns the heading row holds."""
    normalised = {normalise_header(cell) for cell in header}
    for key, fmt in FORMATS.items():
        if normalised & fmt.signature or fmt.recognises(header):
            return key
    return None
