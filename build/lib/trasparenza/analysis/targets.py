"""Targets and values as offices write them, read into something that can be compared.

``≥ 90%``, ``100%``, ``Min 9/anno``, ``4.000 / 8``, ``entro il 30/09/2024``, ``entro novembre``,
``superiore a 7 su 10``, ``Sì``, ``12.000,00 €``: each becomes a comparator with a quantity, a quantity,
a deadline or a yes/no, and keeps its original text for display. Anything else stays text and is
«non valutabile»: never an error, because the plan says what it says.
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass
from datetime import date

from trasparenza.italian import number


MESI = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
        "ottobre", "novembre", "dicembre"]
# Words before a number, and the comparator they mean. Longest first.
_WORDS = [
    ("non inferiore a", ">="), ("non superiore a", "<="), ("maggiore o uguale a", ">="),
    ("minore o uguale a", "<="), ("superiore a", ">"), ("maggiore di", ">"), ("inferiore a", "<"),
    ("minore di", "<"), ("almeno", ">="), ("minimo", ">="), ("min.", ">="), ("min", ">="),
    ("massimo", "<="), ("max.", "<="), ("max", "<="), ("fino a", "<="), ("oltre", ">"), ("pari a", "="),
]
_SYMBOLS = {"≥": ">=", ">=": ">=", "=>": ">=", "≤": "<=", "<=": "<=", "=<": "<=", ">": ">", "<": "<", "=": "="}
_NUMBER = r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?:\.\d+)?"
# A unit never begins with punctuation: «1. livello» and «3) voce» are text, not the quantity 1 with a unit.
_QUANTITY = re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<pct>%)?\s*(?P<unit>[^\d\s(.,;:)][^()]*?)?\s*(?:\(.*\))?$")
_PAIR = re.compile(rf"^(?P<a>{_NUMBER})\s*/\s*(?P<b>{_NUMBER})$")
_SYMBOL = re.compile(r"(≥|≤|>=|=>|<=|=<|>|<|=)\s*")
_DATE_NUM = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}|\d{2}))?\b")
_DATE_WORDS = re.compile(r"\b(\d{1,2})°?\s+(" + "|".join(MESI) + r")(?:\s+(\d{4}))?\b")
_MONTH = re.compile(r"^(?:entro\s+(?:il\s+mese\s+di\s+|la\s+fine\s+di\s+|fine\s+)?)?(" + "|".join(MESI) + r")(?:\s+(\d{4}))?$")
_DEADLINE_WORDS = re.compile(r"^(?:entro(?:\s+il)?|tempo\s+previsto|scadenza|termine)?\s*")
_YES = {"sì", "si", "sí", "yes", "fatto", "realizzato", "approvato"}
_NO = {"no", "non realizzato"}


@dataclass(frozen=True)
class Quantita:
    """A number with what it counts: ``70,5 %``, ``9 /anno``, ``12.000,00 €``; a pair ``4.000 / 8``."""

    valore: float
    unita: str = ""
    percentuale: bool = False
    divisore: float | None = None  # «4.000 / 8»: compared as a ratio, shown as written

    @property
    def confrontabile(self) -> float:
        return self.valore / self.divisore if self.divisore else self.valore


@dataclass(frozen=True)
class Target:
    testo: str
    tipo: str  # "confronto", "scadenza", "si_no", "testo"
    operatore: str | None = None  # ">=", ">", "<=", "<", "="
    quantita: Quantita | None = None
    scadenza: date | None = None
    mese: int | None = None  # «entro novembre»: the year comes from the period measured
    si: bool | None = None
    anno_dedotto: bool = False  # «entro il 30/06»: the year is not written, it comes from the plan or the date

    @property
    def valutabile(self) -> bool:
        return self.tipo != "testo"

    def scadenza_nel(self, anno: int | None) -> date | None:
        if self.scadenza:
            return self.scadenza
        if self.mese and anno:
            return date(anno, self.mese, calendar.monthrange(anno, self.mese)[1])
        return None


@dataclass(frozen=True)
class Valore:
    """A measured value: a quantity, a date (when something was done), yes/no, or text."""

    testo: str
    quantita: Quantita | None = None
    data: date | None = None
    si: bool | None = None

    @property
    def valutabile(self) -> bool:
        return self.quantita is not None or self.data is not None or self.si is not None

    @property
    def rilevato(self) -> bool:
        """Something was written: an empty value is a measurement still to come, not a result."""
        return bool(self.testo.strip())


def numero(text: str) -> float | None:
    """An Italian number: «4.000» is four thousand, «1.000,5» and «2,5» have a decimal comma."""
    text = text.strip().replace(" ", "")
    if not re.fullmatch(_NUMBER, text):
        return None
    if "," in text:
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text)


_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def _clean(text: str) -> str:
    """The text without HTML tags and entities (a «<p>» pasted from a document), spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", str(text))).split()).strip(" .;")


def quantita(text: str) -> Quantita | None:
    text = _clean(text)
    pair = _PAIR.match(text)
    if pair:
        a, b = numero(pair["a"]), numero(pair["b"])
        return Quantita(a, divisore=b) if b else None
    match = _QUANTITY.match(text)
    if not match:
        return None
    value = numero(match["num"])
    if value is None:
        return None
    unit = (match["unit"] or "").strip()
    if unit.startswith("%"):
        unit = unit[1:].strip()
        return Quantita(value, unit, True)
    return Quantita(value, unit, bool(match["pct"]))


def a_date(text: str, year: int | None = None) -> date | None:
    """«30/09/2024», «31.12.2024», «30 settembre 2024», «31.12» (with the year given)."""
    text = text.lower()
    for match in _DATE_WORDS.finditer(text):
        day, month, found_year = int(match[1]), MESI.index(match[2]) + 1, match[3]
        return _safe_date(int(found_year) if found_year else year, month, day)
    for match in _DATE_NUM.finditer(text):
        day, month, found_year = int(match[1]), int(match[2]), match[3]
        if found_year and len(found_year) == 2:
            found_year = "20" + found_year
        return _safe_date(int(found_year) if found_year else year, month, day)
    return None


def _year_written(text: str) -> bool:
    """Whether the date in a text writes its year («30/06/25», «30 giugno 2025»), or leaves it implied («30/06»)."""
    match = _DATE_WORDS.search(text) or _DATE_NUM.search(text)
    return bool(match and match[3])


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_target(text: str | None, verso: str = ">=", anno: int | None = None) -> Target:
    """A target as written. ``verso`` is the comparator of a bare quantity (``100%`` means at least 100 %,
    ``30 giorni`` for a time indicator at most 30); ``anno`` completes dates written without a year."""
    original = "" if text is None else str(text)
    clean = _clean(original)
    lower = clean.lower()
    if not clean:
        return Target(original, "testo")
    if lower in _YES or lower in _NO:
        return Target(original, "si_no", si=lower in _YES)
    month = _MONTH.match(lower)
    if month:
        month_year = int(month[2]) if month[2] else None
        if month_year:
            last = calendar.monthrange(month_year, MESI.index(month[1]) + 1)[1]
            return Target(original, "scadenza", scadenza=date(month_year, MESI.index(month[1]) + 1, last))
        return Target(original, "scadenza", mese=MESI.index(month[1]) + 1, anno_dedotto=True)
    rest = _DEADLINE_WORDS.sub("", lower, count=1)
    # A date without its year («31.12») only after «entro»…: «1.5» or «8/10» alone are numbers.
    when = a_date(rest, anno if rest != lower else None)
    if when and _only_a_date(rest):
        return Target(original, "scadenza", scadenza=when, anno_dedotto=not _year_written(rest))
    for words, operator in _WORDS:
        if lower.startswith(words + " "):
            amount = quantita(clean[len(words):])
            if amount is not None:
                return Target(original, "confronto", operator, amount)
    symbol = _SYMBOL.search(clean)
    if symbol:
        head = clean[:symbol.start()].strip()
        amount = quantita(clean[symbol.end():])
        if amount is not None:
            if head == "%":  # «% > 75»
                amount = Quantita(amount.valore, amount.unita, True, amount.divisore)
            elif head and re.search(r"\d", head):
                amount = None  # «3 > 2»: not a target
            if amount is not None:
                return Target(original, "confronto", _SYMBOLS[symbol[1]], amount)
    amount = quantita(clean)
    if amount is not None:  # a reduction («-10%») is reached by going at least that low
        return Target(original, "confronto", "<=" if amount.valore < 0 else verso, amount)
    return Target(original, "testo")


def _only_a_date(text: str) -> bool:
    """Nothing but a date is left once the date is taken out («30 giugno 2024», «31.12»)."""
    rest = _DATE_WORDS.sub("", text, count=1)
    if rest == text:
        rest = _DATE_NUM.sub("", text, count=1)
    return not rest.strip(" ,.;:-")


def parse_value(text: str | None, anno: int | None = None) -> Valore:
    original = "" if text is None else str(text)
    clean = _clean(original)
    lower = clean.lower()
    if not clean:
        return Valore(original)
    if lower in _YES or lower in _NO:
        return Valore(original, si=lower in _YES)
    rest = _DEADLINE_WORDS.sub("", lower, count=1)
    when = a_date(rest, anno if rest != lower else None)  # «8/10», «1.5» are numbers, «25/09/2024» a date
    if when and _only_a_date(rest):
        return Valore(original, data=when)
    amount = quantita(clean)
    if amount is not None:
        return Valore(original, quantita=amount)
    return Valore(original)


def as_date(valore: Valore, anno: int) -> Valore:
    """A value compared with a deadline: «30/06» is a date of ``anno``, not the ratio 30 to 6."""
    if valore.data is not None or not valore.rilevato:
        return valore
    rest = _clean(valore.testo).lower()
    when = a_date(rest, anno)
    if when and _only_a_date(rest):
        return Valore(valore.testo, data=when)
    return valore


def percentuale(value) -> str:
    """A percentage for a page: as the data writes it («7,00%», «40» → «40%»), a computed one in Italian
    («88,93%»); a text («X», «propedeutico») as written."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    written = getattr(value, "scritto", "")
    if written:
        return written if "%" in written else f"{written}%"
    return number(round(value, 2), grouping=False) + "%"
