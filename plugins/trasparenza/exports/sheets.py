"""The plan as a spreadsheet and back: one sheet per table, the layout derived from the model.

A file's simple fields are a two-column sheet («campo», «valore»); each list of records is a sheet with
a row per record, nested records as columns («dirigente.nome»), lists of texts as one cell with a line
per item, and the record's parents named in the first columns («obiettivi.id», «fasi.n» for the n-th
phase). Values travel as text, exactly as written in YAML («40%», «31/12/2024»): no spreadsheet turns
them into numbers or dates, and a cell that starts with «=» is text, never a formula.

This module knows only dicts and sheets of text: reading and writing xlsx files is ``fogli_xlsx``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel

from trasparenza.model.types import SLUG_PATTERN, field_kind

LIST_SEPARATOR = "\n"
FILE_COLUMN = "file"  # objectives: the YAML file each one comes from (obiettivi/<file>.yaml)
MAX_SHEET_NAME = 31  # Excel's limit


@dataclass
class Foglio:
    """One sheet: the list it holds (a path of field names from the file's root) and its columns."""

    nome: str
    tipo: str  # the kind of data file («obiettivi», «struttura»…)
    percorso: tuple[str, ...]  # () for the file's simple fields
    modello: type[BaseModel]
    chiavi: list[str] = field(default_factory=list)  # parents: «obiettivi.id», «fasi.n»
    colonne: list[str] = field(default_factory=list)  # own fields, dotted for nested records
    liste: set[str] = field(default_factory=set)  # columns holding a list of texts

    @property
    def verticale(self) -> bool:
        return not self.percorso

    @property
    def intestazione(self) -> list[str]:
        return ["campo", "valore"] if self.verticale else self.chiavi + self.colonne


def _flat(model: type[BaseModel], prefix: str = "") -> tuple[list[str], set[str], list[tuple[str, type]]]:
    """A record's columns (nested records flattened), its list-of-text columns, its lists of records."""
    columns: list[str] = []
    lists: set[str] = set()
    children: list[tuple[str, type]] = []
    for name, info in model.model_fields.items():
        kind, inner = field_kind(info.annotation)
        if kind == "records":
            if prefix:
                raise ValueError(f"{model.__name__}.{name}: elenco dentro un campo annidato")
            children.append((name, inner))
        elif kind == "record":
            sub_columns, sub_lists, sub_children = _flat(inner, f"{prefix}{name}.")
            if sub_children:
                raise ValueError(f"{model.__name__}.{name}: elenco dentro un campo annidato")
            columns += sub_columns
            lists |= sub_lists
        elif kind == "dict":
            raise ValueError(f"{model.__name__}.{name}: un dizionario non sta in un foglio")
        else:
            columns.append(prefix + name)
            if kind == "list":
                lists.add(prefix + name)
    return columns, lists, children


def layout(tipo: str, model: type[BaseModel], folder: bool = False) -> list[Foglio]:
    """The sheets of one kind of data file, parents before children."""
    columns, lists, children = _flat(model)
    sheets: list[Foglio] = []
    if columns and not folder:  # a folder's file-level fields (the objectives' «struttura») are on each row
        sheets.append(Foglio(tipo, tipo, (), model, colonne=columns, liste=lists))

    def add(path: tuple[str, ...], record: type[BaseModel], keys: list[str]) -> None:
        own, own_lists, nested = _flat(record)
        if folder and len(path) == 1:  # each record remembers its file
            own = [FILE_COLUMN] + own
        sheets.append(Foglio(_sheet_name(tipo, path), tipo, path, record, keys, own, own_lists))
        key = f"{path[-1]}.id" if "id" in record.model_fields else f"{path[-1]}.n"
        for name, inner in nested:
            add(path + (name,), inner, keys + [key])

    for name, inner in children:
        add((name,), inner, [])
    return sheets


# Lists with the same name in two kinds of file: their sheets are named with the kind.
_SHARED_NAMES = {"atti"}


def _sheet_name(tipo: str, path: tuple[str, ...]) -> str:
    """The list's path («obiettivi.fasi»), with the kind where the name alone is ambiguous; the longest
    ending that fits Excel's 31 characters («fasi.indicatori.rilevazioni»)."""
    parts = [tipo, *path] if path[0] in _SHARED_NAMES else list(path)
    name = parts[-1]
    for part in reversed(parts[:-1]):
        if len(part) + 1 + len(name) > MAX_SHEET_NAME:
            break
        name = f"{part}.{name}"
    return name


# --- from YAML data to rows ---

def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # one item per line of the cell: an item's own line breaks become spaces
        return LIST_SEPARATOR.join(" ".join(_cell(v).split("\n")) for v in value)
    return _text_cell(value) if isinstance(value, str) else str(value)


NULL_CELL = "null"  # a field written «null» in YAML (not the same as leaving it out: «peso_totale_per_struttura»)
# The text «null» (a title, a code) is written between double quotes, «"null"», and each further pair of
# quotes around it is kept the same way: every text comes back as it was.
_NULL_TEXT = re.compile(r'^("*)null\1$')


def _text_cell(value: str) -> str:
    return f'"{value}"' if _NULL_TEXT.match(value) else value


def _from_text_cell(value: str) -> str:
    return value[1:-1] if value.startswith('"') and _NULL_TEXT.match(value) else value


def _flatten(record: dict, columns: list[str]) -> list[str]:
    row = []
    for column in columns:
        value, present = record, True
        for part in column.split("."):
            present = isinstance(value, dict) and part in value
            value = value.get(part) if isinstance(value, dict) else None
        row.append(NULL_CELL if present and value is None else _cell(value))
    return row


def rows_of(sheets: list[Foglio], documents: list[tuple[str, dict]]) -> dict[str, list[list[str]]]:
    """The rows of every sheet for the documents of one kind: [(file name, raw YAML data)]."""
    out: dict[str, list[list[str]]] = {sheet.nome: [] for sheet in sheets}
    for file_name, data in documents:
        for sheet in sheets:
            if sheet.verticale:
                out[sheet.nome] += [[c, v] for c, v in zip(sheet.colonne, _flatten(data, sheet.colonne))
                                    if v != ""]
                continue
            for keys, record in _walk(data, sheet.percorso, []):
                if sheet.colonne[:1] == [FILE_COLUMN]:
                    record = dict(record, **{FILE_COLUMN: file_name})
                    if "struttura" in sheet.colonne and "struttura" not in record and data.get("struttura"):
                        record["struttura"] = data["struttura"]  # written once for the file, shown on each row
                out[sheet.nome].append(keys + _flatten(record, sheet.colonne))
    return out


def _walk(node: dict, path: tuple[str, ...], keys: list[str]):
    items = node.get(path[0]) or []
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            continue
        if len(path) == 1:
            yield keys, item
        else:
            own = str(item["id"]) if "id" in item and item["id"] is not None else str(position)
            yield from _walk(item, path[1:], keys + [own])


# --- from rows to YAML data ---

@dataclass(frozen=True)
class Cella:
    foglio: str
    riga: int  # as the spreadsheet numbers rows (the header is row 1)
    colonna: int  # 1-based
    intestazione: str


@dataclass
class Ricostruito:
    """One data file rebuilt from the sheets, with where each value came from."""

    nome: str  # «ente.yaml», «obiettivi/tributi.yaml»
    dati: dict
    celle: dict[tuple, Cella] = field(default_factory=dict)  # YAML path -> cell


def _set(target: dict, column: str, value, lists: set[str]):
    parts = column.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    if value == NULL_CELL:
        value = None
    elif column in lists:
        value = [_from_text_cell(line.strip()) for line in value.split(LIST_SEPARATOR) if line.strip()]
    else:
        value = _from_text_cell(value)
    target[parts[-1]] = value
    return tuple(parts)


def rebuild(tipo: str, sheets: list[Foglio], tables: dict[str, list[list[str]]], file_name: str,
            folder: bool = False) -> tuple[list[Ricostruito], list[RigaOrfana]]:
    """The data files of one kind from its sheets (empty cells are absent fields), and the rows whose
    parent row does not exist (left out)."""
    roots: dict[str, Ricostruito] = {}
    orphans: list[RigaOrfana] = []

    def root_for(name: str) -> Ricostruito:
        return roots.setdefault(name, Ricostruito(name, {}))

    # records by (sheet path, key tuple) so that children find their parent
    parents: dict[tuple, tuple[Ricostruito, dict, tuple]] = {}
    for sheet in sheets:
        rows = tables.get(sheet.nome, [])
        if sheet.verticale:
            target = root_for(file_name)
            for number, row in enumerate(rows, start=2):
                name, value = (row + ["", ""])[:2]
                if name in sheet.colonne and value != "":
                    path = _set(target.dati, name, value, sheet.liste)
                    target.celle[path] = Cella(sheet.nome, number, 2, name)
            continue
        counters: dict[tuple, int] = {}
        for number, row in enumerate(rows, start=2):
            row = (row + [""] * len(sheet.intestazione))[:len(sheet.intestazione)]
            if not any(cell.strip() for cell in row):
                continue
            keys = tuple(row[:len(sheet.chiavi)])
            values = dict(zip(sheet.colonne, row[len(sheet.chiavi):]))
            if len(sheet.percorso) == 1:
                stem = values.get(FILE_COLUMN) or values.get("struttura") or tipo
                if folder and not re.fullmatch(SLUG_PATTERN, stem):  # a name, never a path («../x»)
                    column = FILE_COLUMN if values.get(FILE_COLUMN) else "struttura"
                    orphans.append(NomeNonValido(Cella(sheet.nome, number, sheet.intestazione.index(column) + 1,
                                                       column), (stem,)))
                    continue
                own_file = f"{tipo}/{stem}.yaml" if folder else file_name
                target, container, base = root_for(own_file), None, ()
                container = target.dati.setdefault(sheet.percorso[0], [])
                base = (sheet.percorso[0], len(container))
            else:
                parent = parents.get((sheet.percorso[:-1], keys))
                if parent is None:
                    orphans.append(RigaOrfana(Cella(sheet.nome, number, len(sheet.chiavi), sheet.chiavi[-1]), keys))
                    continue
                target, parent_record, parent_path = parent
                container = parent_record.setdefault(sheet.percorso[-1], [])
                base = parent_path + (sheet.percorso[-1], len(container))
            record: dict = {}
            for index, (column, value) in enumerate(values.items()):
                if column == FILE_COLUMN or value == "":
                    continue
                path = _set(record, column, value, sheet.liste)
                target.celle[base + path] = Cella(sheet.nome, number, len(sheet.chiavi) + index + 1, column)
            target.celle[base] = Cella(sheet.nome, number, 1, sheet.intestazione[0])
            container.append(record)
            counters[keys] = counters.get(keys, 0) + 1
            own = record.get("id") or str(counters[keys])
            parents[(sheet.percorso, keys + (str(own),))] = (target, record, base)
    if folder:
        for rebuilt in roots.values():
            _struttura_once(rebuilt)
    return list(roots.values()), orphans


def _struttura_once(rebuilt: Ricostruito) -> None:
    """Objectives of one file with one unit: the unit is written once, at the top (as offices write it)."""
    objectives = rebuilt.dati.get("obiettivi", [])
    units = {o.get("struttura") for o in objectives}
    if len(units) == 1 and None not in units:
        unit = units.pop()
        first = rebuilt.celle.get(("obiettivi", 0, "struttura"))
        rebuilt.dati = {"struttura": unit, **rebuilt.dati}
        for index, objective in enumerate(objectives):
            objective.pop("struttura")
            cell = rebuilt.celle.pop(("obiettivi", index, "struttura"), None)
            rebuilt.celle[("obiettivi", index, "struttura")] = cell or first
        if first:
            rebuilt.celle[("struttura",)] = first


class RigaOrfana(Exception):
    """A row whose parent is in no row of the parent sheet."""

    def __init__(self, cella: Cella, keys: tuple):
        self.cella, self.keys = cella, keys
        super().__init__(f"{cella.foglio}:{cella.riga}")


class NomeNonValido(RigaOrfana):
    """A row whose file name (the «file» or «struttura» cell) is not a plain name."""
