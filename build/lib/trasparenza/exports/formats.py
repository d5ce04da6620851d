"""Datasets as files, one registry of formats (FORMATS): CSV (UTF-8, RFC 4180) and self-describing JSON.
Each format declares its name, its media type (the catalogue's, the links'), its writer and what the «Dati
aperti» page says of it: adding a format is one entry here.

A spreadsheet opening a CSV runs any cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula
(and some read a leading tab or carriage return the same way): such a text cell is prefixed with an
apostrophe, which spreadsheets show as text. Numbers stay numbers (``-5`` is a value, not a formula).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from trasparenza.exports.datasets import Dataset

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def safe_cell(value) -> str:
    """One CSV or spreadsheet cell: text that a spreadsheet would run as a formula is neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, float):
        return f"{value:g}" if value == int(value) else repr(value)
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def to_csv(dataset: Dataset) -> bytes:
    """RFC 4180: comma-separated, CRLF line ends, fields quoted where needed; UTF-8 without BOM."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = [column.nome for column in dataset.colonne]
    writer.writerow(names)
    for row in dataset.righe:
        writer.writerow([safe_cell(row.get(name)) for name in names])
    return buffer.getvalue().encode("utf-8")


def to_json(dataset: Dataset, meta: dict) -> bytes:
    """The rows with their column documentation and the dataset's metadata (licence, dates…): the
    metadata indented, then one row per line (readable, and written by json's C encoder: with an indent
    it would use the pure-Python one, seconds for a large plan)."""
    document = {
        **meta,
        "titolo": dataset.titolo,
        "descrizione": dataset.descrizione,
        "colonne": [{"nome": c.nome, "descrizione": c.descrizione} for c in dataset.colonne],
    }
    head = json.dumps(document, ensure_ascii=False, indent=1)  # «{…\n}»: the rows go before the brace
    names = [c.nome for c in dataset.colonne]
    rows = ",\n".join("  " + json.dumps({name: row.get(name) for name in names}, ensure_ascii=False)
                      for row in dataset.righe)
    return (head[:-2] + ',\n "righe": [' + (f"\n{rows}\n ]" if rows else "]") + "\n}\n").encode("utf-8")


@dataclass(frozen=True)
class Format:
    key: str  # the files' extension
    name: str  # as people and the EU's file-type vocabulary name it
    media_type: str
    write: Callable[[Dataset, dict], bytes]  # (dataset, the plan's metadata) -> the file
    notes: tuple[Markup, ...]  # what the «Dati aperti» page says about the files


FORMATS = (
    Format("csv", "CSV", "text/csv", lambda dataset, meta: to_csv(dataset), (
        Markup("CSV: codifica UTF-8, campi separati da virgola, righe terminate da CRLF (RFC 4180); le date sono nel formato\n"
               "  AAAA-MM-GG, le percentuali sono numeri da 0 a 100 con il punto come separatore decimale."),
        Markup("Un testo che inizia con «=», «+», «-» o «@» è preceduto da un apostrofo, perché un foglio di calcolo non lo esegua\n"
               "  come formula."))),
    Format("json", "JSON", "application/json", to_json, (
        Markup("JSON: un oggetto con ente, piano, licenza, data di aggiornamento, la descrizione delle colonne e le righe."),)),
)
BY_KEY = {fmt.key: fmt for fmt in FORMATS}
