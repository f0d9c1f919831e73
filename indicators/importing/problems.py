"""Problems found in a file: what is wrong, where, stored as msgid + params so they can be
shown in the reader's language."""
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext, gettext_noop  # noqa: F401 - gettext_noop is re-exported

#: Problems kept on the job (all are counted); the page shows the first SHOWN_PROBLEMS.
MAX_STORED_PROBLEMS = 1000
SHOWN_PROBLEMS = 100


@dataclass
class Problem:
    msgid: str
    params: dict = field(default_factory=dict)
    row: int | None = None
    column: str = ""
    value: str = ""

    @property
    def message(self) -> str:
        params = {"value": self.value, "column": self.column, **self.params}
        return gettext(self.msgid) % params

    @property
    def text(self) -> str:
        """The whole sentence: «Rad 14, kolonne Skalapoeng: «104,2» er utenfor 0–100.»"""
        if self.row is not None and self.column:
            return gettext("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message}
        if self.row is not None:
            return gettext("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Problem":
        return cls(**data)


class ProblemLog:
    """Collects problems: keeps the first MAX_STORED_PROBLEMS, counts all."""

    def __init__(self, limit: int = MAX_STORED_PROBLEMS):
        self.limit = limit
        self.kept: list[Problem] = []
        self.count = 0

    def add(self, msgid: str, row=None, column: str = "", value="", **params) -> None:
        self.count += 1
        if len(self.kept) < self.limit:
            shown = "" if value is None else str(value)
            self.kept.append(Problem(msgid, params, row, column, shown[:80]))

    def __bool__(self) -> bool:
        return self.count > 0


class CellError(ValueError):
    """A cell value that cannot be used; carries the msgid and params of the problem."""

    def __init__(self, msgid: str, **params):
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params



