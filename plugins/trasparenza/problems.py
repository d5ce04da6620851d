"""The one problem type: where (file:line:column, or a workbook's cell), which field, what is wrong, how to fix it."""

from __future__ import annotations

import errno
import re
import dataclasses
from dataclasses import dataclass

ERRORE = "errore"
AVVISO = "avviso"
# Something the site can be published without, that the office should complete (the IPA code, the site's
# address): shown by `validate` and the build, never failing a strict build.
DA_COMPLETARE = "da completare"


@dataclass(frozen=True, order=True)
class Issue:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: str = ERRORE
    # In a workbook (`trasparenza importa`): the sheet of the cell at line (row) and column, whose header is
    # the field; "" for the workbook as a whole. None: a data file.
    sheet: str | None = dataclasses.field(default=None, compare=False)

    def format(self) -> str:
        """The message as printed: what comes from the data cannot clear the screen, make a link or forge a
        line («\\x1b», «\\n» are shown as such)."""
        if self.sheet is not None:
            return self._format_cell()
        where = f"{visible(self.file)}:{self.line}:{self.column}"
        field = f" [{visible(self.field)}]" if self.field else ""
        text = f"{where}: {self.severity}{field}: {visible(self.message)}"
        if self.hint:
            text += f"\n    come correggere: {visible(self.hint)}"
        return text

    def _format_cell(self) -> str:
        message, hint = visible(self.message), visible(self.hint)  # cell values cannot forge lines
        if not self.sheet:  # about the whole file
            return f"{visible(self.file)}: {self.severity}: {message}\n    come correggere: {hint}"
        where = f"{visible(self.file)}, foglio «{visible(self.sheet)}», cella {column_letter(self.column)}{self.line}"
        column = f" («{visible(self.field)}»)" if self.field else ""
        return f"{where}{column}: {self.severity}: {message}\n    come correggere: {hint}"


def column_letter(number: int) -> str:
    """A spreadsheet's name of a column: 1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def field_path(loc: tuple) -> str:
    """('obiettivi', 3, 'fasi', 0, 'incidenza') -> 'obiettivi[4].fasi[1].incidenza': positions count from 1, as people do."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


_OS_REASONS = {
    errno.ENOENT: "il file o la cartella non esiste",
    errno.EACCES: "permesso negato",
    errno.EPERM: "operazione non permessa",
    errno.ENOSPC: "spazio su disco esaurito",
    errno.EROFS: "il disco è in sola lettura",
    errno.EBUSY: "la cartella è in uso",
    errno.EXDEV: "la cartella sta su un altro disco",
    errno.EISDIR: "è una cartella, non un file",
    errno.ELOOP: "collegamento circolare",
}


def os_reason(exc: OSError, with_file: bool = False) -> str:
    """A system error in Italian words (with the file it concerns, if asked)."""
    reason = _OS_REASONS.get(exc.errno, exc.strerror or str(exc))
    return f"{reason} ({exc.filename})" if with_file and exc.filename else reason


def internal_error(exc: BaseException, where: str = "") -> str:
    """A bug of ours, said briefly in Italian, with what to do (no traceback for the office)."""
    where = f" {where}" if where else ""
    return (f"Errore interno di Trasparenza{where} ({type(exc).__name__}: {exc}). Non dipende dai dati: "
            "segnalalo agli sviluppatori allegando questo messaggio.")


# Control characters: C0 (tab and newline included: inside a message they would forge a line), DEL, C1.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def visible(text: str) -> str:
    """A text for the console with its control characters made visible: «\\x1b», «\\n»."""
    return _CONTROL.sub(lambda m: {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(m.group(), f"\\x{ord(m.group()):02x}"
                        if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"), str(text))


def quoted(value, limit: int = 80) -> str:
    """A value of the data quoted in a message: «…», control characters visible, a long value cut."""
    text = visible(str(value))
    return f"«{text[:limit]}…»" if len(text) > limit else f"«{text}»"


