"""The JSON Schema of each kind of data file: what the loader really accepts, for editors and validators.

The models are the rule; this module only says, in JSON Schema terms, what the loader adds on top of
them: it reads every scalar as text (``codice: 1`` and ``raggiunto: 2.380`` are text, ``annualita:
"2024"`` is a number), an objectives file may name its ``struttura`` once for every objective, and
numeric bounds given on a field (``Field(ge=…, le=…)``) become ``minimum``/``maximum``. Titles and descriptions
come from the models and, where a field has none, from ``model.glossario``.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from trasparenza.model import FileObiettivi
from trasparenza.model.types import DATE_PATTERN, PERCENT_PATTERN, SLUG_PATTERN
from trasparenza.model.glossario import CAMPI
from trasparenza.model.files import FILES, FOLDERS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schema"  # in the project and in every built site: <site>/schema/<kind>.schema.json

# The heading of every file's schema: what the file is for.
_FILE_DOCS = {
    "ente": "Ente: i dati dell'amministrazione (denominazione, codice IPA, recapiti, sito).",
    "piano": "Piano: triennio, atti di approvazione e testi generali del PIAO.",
    "struttura": "Struttura organizzativa: direzioni, settori, aree e servizi con i loro responsabili.",
    "valore-pubblico": "Valore pubblico: indirizzi e obiettivi strategici.",
    "azioni-positive": "Piano delle azioni positive: aree, obiettivi e azioni.",
    "azioni-miglioramento": "Azioni di miglioramento della salute organizzativa.",
    "accessibilita-azioni": "Azioni per l'accessibilità previste dal piano.",
    "variazioni": "Variazioni del piano approvate durante l'anno.",
    "accessibilita": "Dichiarazione di accessibilità del sito.",
    "obiettivi-accessibilita": "Obiettivi di accessibilità dell'anno (entro il 31 marzo).",
    "trasparenza": "Amministrazione trasparente: privacy, RPD e obblighi pubblicati altrove.",
    "obiettivi": "Obiettivi di una struttura: un file per struttura nella cartella obiettivi/.",
    "sezioni": "Una sezione di testo del piano: un file per sezione nella cartella sezioni/.",
    "rischi-corruttivi": "Rischi corruttivi e trasparenza (sottosezione 2.3): RPCT, contesto esterno e interno, "
                         "metodologia, indicatori e scala della valutazione del rischio.",
    "aree-rischio": "La mappatura dei processi: le aree di rischio con i loro processi, gli eventi rischiosi e "
                    "la valutazione di ciascuno.",
    "misure-prevenzione": "Le misure di prevenzione della corruzione, generali e specifiche, con il loro monitoraggio.",
    "obblighi-pubblicazione": "La programmazione della trasparenza: gli obblighi di pubblicazione con i responsabili "
                              "della trasmissione e della pubblicazione e l'aggiornamento.",
}


def kinds() -> dict[str, tuple[str, type[BaseModel]]]:
    """Schema name (``ente``, ``obiettivi``…) -> (what files it is for, model)."""
    result = {Path(name).stem: (name, model) for name, (_, model) in FILES.items()}
    result.update({folder: (f"{folder}/*.yaml", model) for folder, (_, model) in FOLDERS.items()})
    return result


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_of(kind: str) -> dict[str, Any]:
    _, model = kinds()[kind]
    schema = model.model_json_schema()
    _walk(schema)
    if model is FileObiettivi:
        _file_level_struttura(schema)
    return {"$schema": DIALECT, **schema, "title": _title(kind), "description": _FILE_DOCS[kind]}


def all_schemas() -> dict[str, str]:
    """File name -> JSON text, for every kind of data file (derived from the code: computed once)."""
    return dict(_all_schemas())


@functools.cache
def _all_schemas() -> dict[str, str]:
    return {file_name(kind): json.dumps(schema_of(kind), ensure_ascii=False, indent=2) + "\n" for kind in kinds()}


REFERENCE = "README.md"


def modeline(schema_path: str) -> str:
    """The first line of a data file: the YAML extension of editors reads the schema from it."""
    return f"# yaml-language-server: $schema={schema_path}"


def _title(kind: str) -> str:
    name, _ = kinds()[kind]
    return f"Trasparenza: {name}"


def _walk(node: Any) -> None:
    """Bounds as JSON Schema keywords; an Italian title and description on every property."""
    if isinstance(node, dict):
        for value in node.values():
            _walk(value)
        bounds = {key: node.pop(key) for key in ("ge", "le") if key in node}
        if bounds:
            _apply_bounds(node, bounds)
        _as_read(node)
        properties = node.get("properties")
        if isinstance(properties, dict) and node.get("title"):
            required = set(node.get("required", ()))
            for name, prop in list(properties.items()):
                if name not in required and not _allows_null(prop):  # null means «as if left out»
                    prop = properties[name] = {"anyOf": [prop, {"type": "null"}],
                                               **{k: prop.pop(k) for k in ("default", "title", "description")
                                                  if k in prop}}
                title, description = CAMPI.get(f"{node['title']}.{name}") or CAMPI.get(name) or (None, None)
                if title:
                    prop["title"] = title
                if description and not prop.get("description"):
                    prop["description"] = description
    elif isinstance(node, list):
        for value in node:
            _walk(value)


def _allows_null(prop: dict) -> bool:
    kinds = prop.get("type")
    if kinds == "null" or (isinstance(kinds, list) and "null" in kinds):
        return True
    return any(_allows_null(branch) for branch in prop.get("anyOf", []) + prop.get("oneOf", []))


# How the loader's text becomes a number or a yes/no (pydantic's lax parsing).
_INTEGER_TEXT = {"type": "string", "pattern": r"^\s*[+-]?\d+\s*$"}
_NUMBER_TEXT = {"type": "string", "pattern": r"^\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)\s*$"}
_BOOLEAN_TEXT = {"type": "string", "enum": ["true", "false", "True", "False", "TRUE", "FALSE", "yes", "no",
                                            "on", "off", "y", "n", "t", "f", "1", "0"]}


def _as_read(node: dict) -> None:
    """A scalar type as the loader accepts it: free text may be written unquoted as a number or a
    yes/no, numbers and yes/no may be quoted."""
    kind = node.get("type")
    if kind == "string" and not ({"pattern", "enum", "format", "const"} & node.keys()):
        node["type"] = ["string", "number", "boolean"]
    elif kind in ("integer", "number", "boolean"):
        plain = {key: node.pop(key) for key in ("type", "minimum", "maximum") if key in node}
        text = {"integer": _INTEGER_TEXT, "number": _NUMBER_TEXT, "boolean": _BOOLEAN_TEXT}[kind]
        node["anyOf"] = [plain, dict(text)]


def _apply_bounds(node: dict, bounds: dict) -> None:
    if node.get("type") in ("number", "integer"):
        node.update({"minimum": bounds["ge"]} if "ge" in bounds else {})
        node.update({"maximum": bounds["le"]} if "le" in bounds else {})
        return
    for branch in node.get("anyOf", []):
        _apply_bounds(branch, bounds)


def _file_level_struttura(schema: dict) -> None:
    """``struttura`` is required on each objective unless the file names it once at the top."""
    objective = schema["$defs"]["Obiettivo"]
    objective["required"] = [name for name in objective.get("required", []) if name != "struttura"]
    schema["anyOf"] = [
        {"required": ["struttura"]},
        {"properties": {"obiettivi": {"items": {"required": ["struttura"]}}}},
    ]


MODELINE_PREFIX = "# yaml-language-server:"


def kind_of(path: Path) -> str | None:
    """Which schema a data file follows: its folder (obiettivi/, sezioni/) or its name."""
    if path.parent.name in FOLDERS:
        return path.parent.name
    return path.stem if path.name in FILES else None


def relative_path(data_file: Path, schema_dir: Path, kind: str) -> str:
    """The schema of a data file, relative to the file (so that it works offline and in any clone)."""
    return Path(os.path.relpath(schema_dir.resolve() / file_name(kind), data_file.parent.resolve())).as_posix()


def add_modelines(data_dir: Path, schema_dir: Path) -> list[Path]:
    """Begin every data file under ``data_dir`` with the line that points editors to its schema
    (relative to the file, so that it works offline and in any clone). Returns the files changed."""
    changed = []
    for path in sorted(data_dir.rglob("*.yaml")):
        kind = kind_of(path)
        if kind is None:
            continue
        target = relative_path(path, schema_dir, kind)
        raw = path.read_bytes()
        newline = b"\r\n" if b"\r\n" in raw else b"\n"
        bom = raw.startswith(b"\xef\xbb\xbf")
        lines = raw[3 if bom else 0:].split(newline)
        line = modeline(target).encode("utf-8")
        if lines and lines[0].startswith(MODELINE_PREFIX.encode()):
            if lines[0] == line:
                continue
            lines[0] = line
        else:
            lines.insert(0, line)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + newline.join(lines))
        changed.append(path)
    return changed


# --- the field reference (schema/README.md), generated from the same schemas ---

def _type_of(prop: dict) -> str:
    if "$ref" in prop:
        return f"blocco «{prop['$ref'].rsplit('/', 1)[-1]}»"
    if prop.get("type") == "array":
        items = prop.get("items", {})
        return f"elenco di {_type_of(items)}" if items else "elenco"
    if "enum" in prop:
        return "uno tra: " + ", ".join(f"«{v}»" for v in prop["enum"])
    if "const" in prop:
        return f"«{prop['const']}»"
    branches = [b for b in prop.get("anyOf", []) if b.get("type") != "null"
                and b not in (_INTEGER_TEXT, _NUMBER_TEXT, _BOOLEAN_TEXT)]  # the same value written as text
    if branches:
        if any(b.get("pattern") == PERCENT_PATTERN for b in _leaves(branches)):
            return "percentuale (40 o 40%)"
        kinds = list(dict.fromkeys(_type_of(b) for b in branches))
        return kinds[0] if len(kinds) == 1 else " o ".join(kinds)
    if prop.get("pattern") == DATE_PATTERN:
        return "data (31/12/2024)"
    if prop.get("pattern") == SLUG_PATTERN:
        return "identificativo (minuscole e trattini)"
    if prop.get("pattern", "").startswith("^https?"):
        return "indirizzo web (https://…)"
    if prop.get("pattern") == r"^\d{4}-\d{4}$":
        return "triennio (2024-2026)"
    kind = prop.get("type")
    if isinstance(kind, list):
        return "testo"
    return {"string": "testo", "integer": "numero intero", "number": "numero", "boolean": "true o false",
            "object": "blocco"}.get(kind, "valore")


def _leaves(branches: list) -> list:
    found = []
    for branch in branches:
        found += _leaves(branch["anyOf"]) if "anyOf" in branch else [branch]
    return found


def _table(definition: dict) -> list[str]:
    required = set(definition.get("required", []))
    rows = ["| Campo | Obbligatorio | Tipo | Descrizione |", "|---|---|---|---|"]
    for name, prop in definition.get("properties", {}).items():
        text = (prop.get("description") or "").replace("|", "\\|").replace("\n", " ")
        title = prop.get("title", "")
        rows.append(f"| `{name}` | {'sì' if name in required else ''} | {_type_of(prop)} | "
                    f"**{title}**. {text} |")
    return rows


def reference() -> str:
    """Every kind of data file with its fields, for people: the Markdown of schema/README.md."""
    lines = ["# Riferimento dei campi dei file di dati", "",
             "Generato dal modello con `trasparenza schema`: non modificarlo a mano. Gli schemi JSON di questa "
             "cartella descrivono gli stessi campi per gli editor (vedi il README del progetto).", ""]
    for kind, (files, _) in kinds().items():
        document = schema_of(kind)
        lines += [f"## `{files}`", "", document["description"], "", *_table(document), ""]
        for name, definition in document.get("$defs", {}).items():
            if definition.get("properties"):
                lines += [f"### Blocco «{name}» (in `{files}`)", "", *_table(definition), ""]
    return "\n".join(lines)
