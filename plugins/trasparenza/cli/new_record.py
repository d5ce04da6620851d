"""`trasparenza nuovo obiettivo|struttura|azione`: a data file (or one more record in it) written from the
model, valid as written, with every other field ready to uncomment and explained in Italian."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel

from trasparenza.loading import reader
from trasparenza.exports import schema
from trasparenza.model import (AreaAzioniPositive, AreaRischio, AzionePositiva, FileObiettivi, Misura, Obiettivo,
                               PianoAzioniPositive, Processo, Struttura)
from trasparenza.model.glossario import CAMPI
from trasparenza.model.types import SLUG_PATTERN, field_kind, slug

WIDTH = 100


def _doc(model: type[BaseModel], name: str) -> str:
    title, description = CAMPI.get(f"{model.__name__}.{name}") or CAMPI.get(name) or ("", "")
    own = model.model_fields[name].description
    text = own or description
    return f"{title}: {text}" if title and text else (title or text or name)


def _scalar(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=10_000).strip().removesuffix("...").strip()


def record(model: type[BaseModel], values: dict, indent: str, first: str = "") -> list[str]:
    """The lines of one record: the given values, then every other field commented out."""
    lines: list[str] = []
    prefix = first or indent
    for name, info in model.model_fields.items():
        comment = textwrap.wrap(_doc(model, name), WIDTH - len(indent) - 2)
        lines += [f"{indent}# {line}" for line in comment]
        if name in values:
            lines.append(f"{prefix}{name}: {_scalar(values[name])}")
            prefix = indent
            continue
        kind, inner = field_kind(info.annotation)
        if kind == "records":
            required = [n for n, f in inner.model_fields.items() if f.is_required()] or list(inner.model_fields)[:1]
            # and the item's other plain fields, so that a phase shows its weight and dates, an indicator its target
            required += [n for n, f in inner.model_fields.items() if n not in required and n not in ("id", "note")
                         and field_kind(f.annotation)[0] not in ("records", "record", "list")][:max(0, 6 - len(required))]
            lines.append(f"{indent}# {name}:")
            lines += [f"{indent}#   {'- ' if i == 0 else '  '}{n}: …" for i, n in enumerate(required)]
        elif kind == "record":
            lines.append(f"{indent}# {name}:")
            lines += [f"{indent}#   {n}: …" for n, f in inner.model_fields.items() if f.is_required()]
        elif kind == "list":
            lines.append(f"{indent}# {name}:")
            lines.append(f"{indent}#   - …")
        else:
            lines.append(f"{indent}# {name}: …")
    return lines


@dataclass
class Risultato:
    percorso: Path
    creato: bool  # a new file, or one more record at the end of an existing one
    id: str


class NuovoErrore(Exception):
    """A request that cannot be satisfied: the message says why, in Italian."""


def _header(path: Path, data_dir: Path, kind: str, text: str) -> str:
    """The schema line (the schemas are in the project's schema/ folder: the command runs in the project)."""
    return f"{schema.modeline(schema.relative_path(path, Path.cwd() / schema.FOLDER, kind))}\n# {text}\n"


def _append(path: Path, top_key: str, item_lines: list[str]) -> None:
    """One more item at the end of the file's top-level list (the list must be the file's last key)."""
    document, issues = reader.load(path)
    if document is None or not isinstance(document.data, dict):
        raise NuovoErrore(f"{path} non si legge: correggilo prima ({issues[0].message if issues else 'file vuoto'})")
    if list(document.data)[-1:] != [top_key] or not isinstance(document.data[top_key], list):
        raise NuovoErrore(f"in {path} l'elenco «{top_key}:» non è l'ultima voce del file: aggiungi il nuovo elemento "
                          "a mano (il comando con --stampa mostra il testo da copiare)")
    text = path.read_text(encoding="utf-8")
    items = document.data[top_key]
    if not items:  # «strutture: []» (a new site's skeleton): the list starts here
        lines = text.split("\n")
        index = next((i for i, line in enumerate(lines) if re.match(rf"^{re.escape(top_key)}\s*:", line)), None)
        if index is not None:
            lines[index] = re.sub(r":\s*\[\s*\]\s*(#.*)?$", ":", lines[index])
            text = "\n".join(lines)
    if items:  # follow the file's own indentation of the list («- » at column 0 or 2…)
        line = text.split("\n")[document.values[(top_key, 0)][0] - 1]
        shift = (len(line) - len(line.lstrip(" -"))) - 4
        item_lines = [(" " * shift + item) if shift >= 0 else item[-shift:] for item in item_lines]
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(item_lines) + "\n", encoding="utf-8")


def _unit_ids(data_dir: Path) -> set[str] | None:
    """The ids in struttura.yaml, or None when it cannot be read (the build will say why)."""
    document, _ = reader.load(data_dir / "struttura.yaml") if (data_dir / "struttura.yaml").is_file() else (None, [])
    if document is None or not isinstance(document.data, dict) or not isinstance(document.data.get("strutture"), list):
        return None
    return {unit.get("id") for unit in document.data["strutture"] if isinstance(unit, dict) and unit.get("id")}


def obiettivo(data_dir: Path, struttura: str, titolo: str, id_: str | None = None) -> tuple[Path, list[str], bool]:
    if not re.fullmatch(SLUG_PATTERN, struttura):
        raise NuovoErrore(f"«{struttura}» non è l'id di una struttura: usa lettere minuscole, cifre e trattini, "
                          "come in struttura.yaml")
    known = _unit_ids(data_dir)
    if known is not None and struttura not in known:
        raise NuovoErrore(f"la struttura «{struttura}» non è in struttura.yaml ("
                          + (", ".join(sorted(known)) if known else "che non ne elenca ancora nessuna")
                          + "): aggiungila prima con «trasparenza nuovo struttura», o correggi l'id")
    id_ = id_ or slug(f"{struttura}-{titolo}")
    path = data_dir / "obiettivi" / f"{struttura}.yaml"
    item = record(Obiettivo, {"id": id_, "titolo": titolo}, "    ", "  - ")
    said = {f"# {line}" for line in textwrap.wrap(_doc(Obiettivo, "struttura"), WIDTH - 6)} | {"# struttura: …"}
    item = [line for line in item if line.strip() not in said]  # the unit is the file's
    if path.exists():
        return path, item, False
    head = _header(path, data_dir, "obiettivi", f"Obiettivi della struttura «{struttura}» (vedi struttura.yaml).")
    lines = [head.rstrip("\n"), "", f"# {_doc(FileObiettivi, 'struttura')}", f"struttura: {struttura}",
             "obiettivi:", *item]
    return path, lines, True


def struttura(data_dir: Path, nome: str, tipo: str, id_: str | None = None) -> tuple[Path, list[str], bool]:
    id_ = id_ or slug(nome)
    path = data_dir / "struttura.yaml"
    item = record(Struttura, {"id": id_, "tipo": tipo, "nome": nome}, "    ", "  - ")
    if path.exists():
        return path, item, False
    head = _header(path, data_dir, "struttura", "Le strutture organizzative: direzioni, settori, aree, servizi.")
    return path, [head.rstrip("\n"), "strutture:", *item], True


def azione(data_dir: Path, titolo: str, area: str, id_: str | None = None) -> tuple[Path, list[str], bool]:
    """A positive action: a new file with its area, or the action's text to add to an existing area."""
    id_ = id_ or slug(titolo)
    path = data_dir / "azioni-positive.yaml"
    if path.exists():
        return path, record(AzionePositiva, {"id": id_, "titolo": titolo}, "        ", "      - "), False
    head = _header(path, data_dir, "azioni-positive", "Il piano delle azioni positive.")
    lines = [head.rstrip("\n"), *record(PianoAzioniPositive, {"titolo": "Piano delle azioni positive"}, "")]
    lines = [line for line in lines if not line.startswith("# aree:") and not line.startswith("#   ")]
    lines += ["aree:", *record(AreaAzioniPositive, {"id": slug(area), "titolo": area}, "    ", "  - ")]
    lines = [line for line in lines if not line.startswith("    # azioni:") and not line.startswith("    #   ")]
    lines += ["    azioni:", *record(AzionePositiva, {"id": id_, "titolo": titolo}, "        ", "      - ")]
    return path, lines, True


def misura(data_dir: Path, titolo: str, tipo: str, id_: str | None = None) -> tuple[Path, list[str], bool]:
    """A prevention measure of 2.3: a new misure-prevenzione.yaml, or the measure to add at its end."""
    id_ = id_ or slug(titolo)
    path = data_dir / "misure-prevenzione.yaml"
    item = record(Misura, {"id": id_, "titolo": titolo, "tipo": tipo}, "    ", "  - ")
    if path.exists():
        return path, item, False
    head = _header(path, data_dir, "misure-prevenzione", "Le misure di prevenzione della corruzione (sottosezione 2.3).")
    return path, [head.rstrip("\n"), "misure:", *item], True


def processo(data_dir: Path, titolo: str, area: str, struttura: str, id_: str | None = None
             ) -> tuple[Path, list[str], bool]:
    """A process of 2.3: a new aree-rischio.yaml with its area, or the process's text to add to its area."""
    known = _unit_ids(data_dir)
    if known is not None and struttura not in known:
        raise NuovoErrore(f"la struttura «{struttura}» non è in struttura.yaml: aggiungila prima con «trasparenza "
                          "nuovo struttura», o correggi l'id")
    id_ = id_ or slug(titolo)
    path = data_dir / "aree-rischio.yaml"
    if path.exists():
        return path, record(Processo, {"id": id_, "titolo": titolo, "struttura": struttura}, "        ", "      - "), False
    head = _header(path, data_dir, "aree-rischio", "La mappatura dei processi: le aree di rischio e i loro processi.")
    area_lines = record(AreaRischio, {"id": slug(area), "titolo": area}, "    ", "  - ")
    area_lines = [line for line in area_lines if not line.startswith(("    # processi:", "    #   "))]
    item = record(Processo, {"id": id_, "titolo": titolo, "struttura": struttura}, "        ", "      - ")
    return path, [head.rstrip("\n"), "aree_rischio:", *area_lines, "    processi:", *item], True


def write(path: Path, lines: list[str], new: bool, top_key: str) -> None:
    if new:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        _append(path, top_key, lines)
