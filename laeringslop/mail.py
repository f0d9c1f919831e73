"""Small helpers for the e-mails the portal sends."""
import unicodedata

#: Longest subject we send (characters); longer text is cut and ends with "…".
SUBJECT_MAX_LENGTH = 160


def subject_line(text, max_length: int = SUBJECT_MAX_LENGTH) -> str:
    """``text`` as one line fit for an e-mail subject.

    Every run of whitespace (newlines, carriage returns, tabs, Unicode line separators) becomes one
    space and other control characters are dropped, so stored text with a line break can never make
    ``send_mail`` raise ``BadHeaderError``; text longer than ``max_length`` is cut with "…".
    Every ``send_mail``/``EmailMessage`` subject in the code is built with this.
    """
    text = "".join(ch for ch in str(text) if ch.isspace() or unicodedata.category(ch) != "Cc")
    line = " ".join(text.split())
    if len(line) > max_length:
        line = line[: max_length - 1].rstrip() + "…"
    return line
