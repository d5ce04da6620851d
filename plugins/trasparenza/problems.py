"""Validation issues: where (file:line:column), which field, what is wrong, how to fix it."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass

ERRORE = "errore"
AVVISO = "avviso"


@dataclass(frozen=True, order=True)
class Issue:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: str = ERRORE

    def format(self) -> str:
        """The message as printed: what comes from the data cannot clear the screen, make a link or forge a
        line («\\x1b», «\\n» are shown as such)."""
        where = f"{visible(self.file)}:{self.line}:{self.column}"
        field = f" [{visible(self.field)}]" if self.field else ""
        text = f"{where}: {self.severity}{field}: {visible(self.message)}"
        if self.hint:
            text += f"\n    come correggere: {visible(self.hint)}"
        return text


class DataError(Exception):
    """Raised when the data cannot be turned into a plan; carries every issue found."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(issues)
        super().__init__(summary(self.issues))


def summary(issues: list[Issue]) -> str:
    errors = sum(1 for i in issues if i.severity == ERRORE)
    warnings = len(issues) - errors
    lines = [i.format() for i in sorted(issues)]
    lines.append(f"{quantity(errors, 'errore', 'errori')}, {quantity(warnings, 'avviso', 'avvisi')}.")
    return "\n".join(lines)


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


def quantity(count: int, singular: str, plural: str) -> str:
    """«1 errore», «2 errori»."""
    return f"{count} {singular if count == 1 else plural}"


_ARTICLES = {"": ("i", "gli"), "di": ("dei", "degli"), "a": ("ai", "agli"), "da": ("dai", "dagli"),
             "in": ("nei", "negli"), "su": ("sui", "sugli")}


def plural_article(count: int, preposition: str = "") -> str:
    """The masculine plural article before a number, as the number is read: «i 12», «gli 11», «degli 8»,
    «negli 80» (undici, otto, ottanta… begin with a vowel), with its preposition («di» → «dei»/«degli»)."""
    lead = f"{abs(count):,}".split(",")[0]  # the leading group is what is read first: 11.000 → «undicimila»
    vowel = lead.startswith("8") or lead == "11"
    return _ARTICLES[preposition][vowel]
