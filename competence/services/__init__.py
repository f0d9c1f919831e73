"""Writes of the competence app: measures and sessions (``measures``), sign-ups and the waiting list
(``signups``), the competence survey and its uploads (``surveys``)."""
from .measures import measure_save, session_delete, session_save
from .signups import participant_cancel, participant_sign_up
from .surveys import survey_save, survey_upload_check, survey_upload_store

__all__ = ["measure_save", "session_save", "session_delete", "participant_sign_up", "participant_cancel",
           "survey_save", "survey_upload_check", "survey_upload_store"]
