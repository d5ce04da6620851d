"""Value types shared by the model: identifiers, percentages, dates, deadlines.

Every parser here accepts what a communication office types (``40%``, ``70,00%``,
``31/05/2022``) and raises errors whose text is Italian, because they reach editors.
"""

from __future__ import annotations

import re
import types
import typing
import unicodedata
from datetime import date
from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, StringConstraints,
                      WithJsonSchema, WrapValidator, model_validator)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
"""A stable identifier: it becomes part of a URL and is used in cross-references."""

_PERCENT = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*(?:%\s*)?$")  # linear on long runs of spaces
_DMY = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DATE_LIKE = re.compile(r"^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*$")


def slug(text: str) -> str:
    """«Servizi al cittadino» -> «servizi-al-cittadino» (the form of ids)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    whole = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(whole) > 60:  # it becomes a page's address: cut between words, never inside one
        cut = whole[:61].rsplit("-", 1)[0] if "-" in whole[:61] else ""
        whole = cut if len(cut) >= 20 else whole[:60]
    return whole.strip("-") or "nuovo"


def _cut(value: Any, limit: int = 80) -> str:
    """A value quoted in a message: a long one cut (the console shows its control characters, errors.visible)."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def parse_percent(value: Any) -> Any:
    """Accept 40, 40.5, "40%", "70,00%"; leave other types for pydantic to reject."""
    if isinstance(value, bool):
        raise PydanticCustomError("percentuale", "valore non numerico: {valore}", {"valore": _cut(value)})
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if not match:
            raise PydanticCustomError(
                "percentuale", "«{valore}» non è una percentuale", {"valore": _cut(value)}
            )
        return float(match.group(1).replace(",", "."))
    return value


def parse_date(value: Any) -> Any:
    """Accept dd/mm/yyyy, dd.mm.yyyy and ISO yyyy-mm-dd; reject impossible days."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("data", "una data è richiesta, trovato {valore}", {"valore": _cut(value)})
    for pattern, order in ((_DMY, (4, 3, 1)), (_ISO, (1, 2, 3))):
        match = pattern.match(value)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return date(year, month, day)
            except ValueError:
                raise PydanticCustomError(
                    "data_impossibile", "la data «{valore}» non esiste nel calendario", {"valore": _cut(value)}
                ) from None
    raise PydanticCustomError("data", "«{valore}» non è una data", {"valore": _cut(value)})


def parse_deadline(value: Any) -> Any:
    """A deadline is a date when it looks like one, otherwise free text ("in corso d'anno")."""
    if isinstance(value, str) and _DATE_LIKE.match(value):
        return parse_date(value)
    return value


def web_url(value: str) -> str:
    """Links published on the site must be web addresses: no javascript:, data:, file:…"""
    if not value.startswith(("https://", "http://")):
        raise PydanticCustomError("url", "«{valore}» non è un indirizzo web (deve iniziare con https://)",
                                  {"valore": _cut(value)})
    return value


# What editors may type, for the JSON Schema (the parsers above are the rule; these patterns follow them).
DATE_PATTERN = r"^\s*(\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*$"
PERCENT_PATTERN = r"^\s*\+?(100([.,]0+)?|\d{1,2}([.,]\d+)?)\s*%?\s*$"

class Percento(float):
    """A percentage read from the data: a number for the computations, which remembers how it was written
    («7,00%», «40») so that pages show it as written."""

    def __new__(cls, value: float, scritto: str = ""):
        number = super().__new__(cls, value)
        number.scritto = scritto
        return number

    def __reduce__(self):
        return (Percento, (float(self), self.scritto))


def _keep_written(value: Any, handler) -> Any:
    number = handler(value)
    return Percento(number, value.strip()) if isinstance(value, str) and isinstance(number, float) else number


Percentuale = Annotated[float, BeforeValidator(parse_percent), WrapValidator(_keep_written), WithJsonSchema(
    {"anyOf": [{"type": "number", "minimum": 0, "maximum": 100},
               {"type": "string", "pattern": PERCENT_PATTERN}]})]
# An objective the plan does not weigh: a prerequisite («propedeutico»), «X», «non pesato». Kept as written.
NOT_WEIGHTED_PATTERN = (r"^\s*([Xx×]|[Pp]ropedeutic[oa]|PROPEDEUTIC[OA]|[Nn]on pesat[oa]|NON PESAT[OA]|"
                        r"[Nn]\.\s?[Pp]\.?)\s*$")  # JSON Schema patterns know no (?i): the cases are written out
_NOT_WEIGHTED = re.compile(NOT_WEIGHTED_PATTERN)


def _weight(value: Any, handler) -> Any:
    if isinstance(value, str) and _NOT_WEIGHTED.match(value):
        return value.strip()
    try:
        return _keep_written(value, handler)
    except Exception as error:  # noqa: BLE001 - pydantic's ValidationError: say what a weight may be
        if isinstance(value, str) and "percentuale" in str(error):
            raise PydanticCustomError("peso", "«{valore}» non è un peso", {"valore": _cut(value)}) from None
        raise


Peso = Annotated[float, BeforeValidator(parse_percent), Field(ge=0, le=100), WrapValidator(_weight), WithJsonSchema(
    {"anyOf": [{"type": "number", "minimum": 0, "maximum": 100},
               {"type": "string", "pattern": PERCENT_PATTERN},
               {"type": "string", "pattern": NOT_WEIGHTED_PATTERN}]})]
"""A weight in percent, or a text saying the objective is not weighed (left out of the weighted progress)."""

UrlWeb = Annotated[str, AfterValidator(web_url), WithJsonSchema({"type": "string", "pattern": r"^https?://"})]
class DataScritta(date):
    """A date read from the data: a date for the computations, which remembers how it was written
    («30.09.2016», «30-09-2016») so that pages show it as written."""

    def __new__(cls, year: int, month: int, day: int, scritta: str = ""):
        value = super().__new__(cls, year, month, day)
        value.scritta = scritta
        return value

    def __reduce__(self):
        return (DataScritta, (self.year, self.month, self.day, self.scritta))


def _keep_written_date(value: Any, handler) -> Any:
    parsed = handler(value)
    if isinstance(value, str) and isinstance(parsed, date):
        return DataScritta(parsed.year, parsed.month, parsed.day, value.strip())
    return parsed


Data = Annotated[date, BeforeValidator(parse_date), WrapValidator(_keep_written_date),
                 WithJsonSchema({"type": "string", "pattern": DATE_PATTERN})]
# A date-like text must be a real date; anything else is free text ("in corso d'anno").
Scadenza = Annotated[date | str, BeforeValidator(parse_deadline), WrapValidator(_keep_written_date),
                     WithJsonSchema({"type": "string"})]


class Prosa(str):
    """Prose the plan writes in Markdown (a description, a section's text): converted to sanitised HTML.
    Every text field that is not declared prose is a value, shown exactly as written."""

    __slots__ = ()


class ProsaInLinea(str):
    """A line of prose (a title, a name, a note in a table cell): Markdown's inline marks only (emphasis,
    links, inline HTML), never its blocks, so «1. Rifiuti» or «> 50 utenti» stay as written."""

    __slots__ = ()


# The model says which fields are prose: a field typed Testo (block) or Riga (inline) is Markdown, every
# other text field is a value. The JSON Schema tells editors which is which.
Testo = Annotated[str, AfterValidator(Prosa), WithJsonSchema({"type": "string", "contentMediaType": "text/markdown"})]
Riga = Annotated[str, AfterValidator(ProsaInLinea), WithJsonSchema({"type": "string", "contentMediaType": "text/markdown"})]


class Origin:
    """Where a model node came from: file and the positions of its fields."""

    __slots__ = ("file", "path", "positions")

    def __init__(self, file: str, path: tuple, positions: dict):
        self.file = file
        self.path = path
        self.positions = positions

    def of(self, field: str | int | None = None) -> tuple[str, int, int]:
        key = self.path if field is None else self.path + (field,)
        line, column = self.positions.get(key) or self.positions.get(self.path, (1, 1))
        return self.file, line, column


class Nodo(BaseModel):
    """Base of every model class: unknown keys are errors, text is stripped, and ``null`` for an optional
    field means what leaving it out means (its default: «norma», an empty list), as the README promises."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)
    _origin: Origin | None = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _null_is_default(cls, data: Any) -> Any:
        if isinstance(data, dict) and any(value is None for value in data.values()):
            defaulted = _defaulted(cls)
            if any(data.get(name, 0) is None for name in defaulted):
                return {key: value for key, value in data.items() if not (value is None and key in defaulted)}
        return data

    def where(self, field: str | int | None = None) -> tuple[str, int, int]:
        if self._origin is None:
            return ("?", 0, 0)
        return self._origin.of(field)

    def source_file(self) -> str:
        """The data file the node was read from (without its line: no positions to compute)."""
        return self._origin.file if self._origin is not None else "?"


_DEFAULTED: dict[type, frozenset[str]] = {}


def _defaulted(model: type[BaseModel]) -> frozenset[str]:
    """The optional fields of a model that do not take None themselves (a default text, a list)."""
    found = _DEFAULTED.get(model)
    if found is None:
        found = _DEFAULTED[model] = frozenset(
            name for name, info in model.model_fields.items()
            if not info.is_required() and not _takes_none(info.annotation))
    return found


def _takes_none(annotation) -> bool:
    if annotation is None or annotation is type(None):
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _takes_none(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_takes_none(arg) for arg in typing.get_args(annotation))
    return False


def field_kind(annotation) -> tuple[str, Any]:
    """How a field holds its value, and the type inside: («records», Model) for a list of records,
    («record», Model), («list», type) for a list of values, («dict», annotation), («value», type)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            records = [a for a in args if isinstance(a, type) and issubclass(a, Nodo)]
            annotation = records[0] if records else args[0]
        elif origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is list:
            inner = typing.get_args(annotation)[0]
            while typing.get_origin(inner) is typing.Annotated:
                inner = typing.get_args(inner)[0]
            return ("records", inner) if isinstance(inner, type) and issubclass(inner, Nodo) else ("list", inner)
        elif origin is dict:
            return "dict", annotation
        elif isinstance(annotation, type) and issubclass(annotation, Nodo):
            return "record", annotation
        else:
            return "value", annotation
