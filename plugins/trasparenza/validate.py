"""Turn the files of data/ into a Piao, collecting every issue of the pass.

Each kind of file has its own model (see ``model.documenti``); the file name says
which. Cross-references between files are checked in ``crossref`` once all loaded.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import crossref, loader, messages
from .errors import AVVISO, ERRORE, Issue, field_path
from .model import (
    AzioniAccessibilita,
    DichiarazioneAccessibilita,
    ObiettiviAccessibilita,
    Ente,
    FileAzioniMiglioramento,
    FileObiettivi,
    FileStruttura,
    FileValorePubblico,
    FileVariazioni,
    Nodo,
    Origin,
    Piano,
    PianoAzioniPositive,
    Piao,
    Sezione,
)

# file name -> (attribute of Piao, model)
FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "ente.yaml": ("ente", Ente),
    "piano.yaml": ("piano", Piano),
    "struttura.yaml": ("strutture", FileStruttura),
    "valore-pubblico.yaml": ("valore_pubblico", FileValorePubblico),
    "azioni-positive.yaml": ("azioni_positive", PianoAzioniPositive),
    "azioni-miglioramento.yaml": ("azioni_miglioramento", FileAzioniMiglioramento),
    "accessibilita-azioni.yaml": ("accessibilita", AzioniAccessibilita),
    "variazioni.yaml": ("variazioni", FileVariazioni),
    "accessibilita.yaml": ("dichiarazione", DichiarazioneAccessibilita),
    "obiettivi-accessibilita.yaml": ("obiettivi_accessibilita", ObiettiviAccessibilita),
}
# folder -> (attribute of Piao, model of each file); files are read in name order
FOLDERS: dict[str, tuple[str, type[BaseModel]]] = {
    "obiettivi": ("obiettivi", FileObiettivi),
    "sezioni": ("sezioni", Sezione),
}
REQUIRED = ("ente.yaml", "piano.yaml")
# Files owned by later features: recognised so that they are not reported as unknown.
RESERVED: set[str] = set()


def load_plan(data_dir: Path, root: Path | None = None, oggi: date | None = None) -> tuple[Piao | None, list[Issue]]:
    """Load and validate a whole data folder. Returns the plan only if there is no error.

    ``oggi`` is the date deadlines are measured against (today unless a test fixes it)."""
    root = root or data_dir.parent
    issues: list[Issue] = []
    if not data_dir.is_dir():
        return None, [Issue(display_name(data_dir, root), 1, 1, "", "la cartella dei dati non esiste",
                            f"crea la cartella {display_name(data_dir, root)}/ con almeno ente.yaml e piano.yaml "
                            "(o correggi «data_dir» tra le opzioni del plugin in mkdocs.yml)")]
    if not yaml_files(data_dir) and not any(yaml_files(d) for d in data_dir.iterdir() if d.is_dir()):
        return None, [Issue(display_name(data_dir, root), 1, 1, "", "la cartella dei dati è vuota: non c'è nessun file YAML",
                            "aggiungi almeno ente.yaml e piano.yaml (vedi il README)")]
    parts: dict[str, object] = {}
    for name, (attr, model) in FILES.items():
        path = data_dir / name
        if path.exists() or path.is_symlink():
            value = _load_file(path, model, root, issues)
            if value is not None:
                parts[attr] = value
        elif name in REQUIRED:
            issues.append(Issue(display_name(path, root), 1, 1, "", f"manca il file {name}",
                                f"crea data/{name} (vedi il README per un esempio)"))
    for folder, (attr, model) in FOLDERS.items():
        items = []
        for path in yaml_files(data_dir / folder):
            value = _load_file(path, model, root, issues)
            if value is not None:
                items.append(value)
        parts[attr] = items
    _check_unknown_files(data_dir, root, issues)
    if any(i.severity == ERRORE for i in issues):
        return None, sorted(issues)
    plan = Piao(
        ente=parts["ente"],
        piano=parts["piano"],
        strutture=parts["strutture"].strutture if "strutture" in parts else [],
        valore_pubblico=parts.get("valore_pubblico") or FileValorePubblico(),
        obiettivi=[o for f in parts["obiettivi"] for o in f.obiettivi],
        azioni_positive=parts.get("azioni_positive"),
        azioni_miglioramento=parts.get("azioni_miglioramento"),
        accessibilita=parts.get("accessibilita"),
        sezioni=parts["sezioni"],
        variazioni=parts.get("variazioni"),
        dichiarazione=parts.get("dichiarazione"),
        obiettivi_accessibilita=parts.get("obiettivi_accessibilita"),
    )
    issues.extend(crossref.check(plan))
    issues.extend(crossref.check_accessibility(plan, oggi or date.today()))
    failed = any(i.severity == ERRORE for i in issues)
    return (None if failed else plan), sorted(issues)


def yaml_files(folder: Path) -> list[Path]:
    """The data files of a folder, in name order; hidden ones (editors' locks and backups) are not data."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def display_name(path: Path, root: Path) -> str:
    """How messages name a file: relative to the project folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _load_file(path: Path, model: type[BaseModel], root: Path, issues: list[Issue]):
    name = display_name(path, root)
    document, found = loader.load(path, name)
    if path.name in REQUIRED:  # an empty mandatory file is filled in, not deleted
        found = [replace(i, hint="scrivi i dati: il file è obbligatorio") if i.message == "il file è vuoto" else i
                 for i in found]
    issues.extend(found)
    if document is None:
        return None
    data = document.data
    if model is FileObiettivi and isinstance(data, dict):
        data = _inherit_struttura(data, document)
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            line, column = document.position(loc, key=error["type"] == "extra_forbidden")
            message, hint = messages.translate(error, model)
            issues.append(Issue(name, line, column, field_path(loc), message, hint))
        return None
    _attach_origin(value, Origin(name, (), document.values), ())
    return value


def _inherit_struttura(data: dict, document) -> dict:
    """``struttura:`` at the top of an objectives file applies to every objective in it; errors about
    an inherited value point at that top-level line."""
    default = data.get("struttura")
    objectives = data.get("obiettivi")
    if default is None or not isinstance(objectives, list):
        return data
    items = []
    for index, item in enumerate(objectives):
        if isinstance(item, dict) and "struttura" not in item:
            item = dict(item, struttura=default)
            document.values[("obiettivi", index, "struttura")] = document.values[("struttura",)]
        items.append(item)
    return dict(data, obiettivi=items)


def _attach_origin(value, origin: Origin, path: tuple) -> None:
    if isinstance(value, Nodo):
        value._origin = Origin(origin.file, path, origin.positions)
        for name in type(value).model_fields:
            _attach_origin(getattr(value, name), origin, path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _attach_origin(item, origin, path + (index,))


def _check_unknown_files(data_dir: Path, root: Path, issues: list[Issue]) -> None:
    known = set(FILES) | RESERVED
    # Suggestions compare names without extension, so «obbiettivi.yaml» points to the «obiettivi/» folder.
    candidates = {Path(name).stem: f"il file «{name}»" for name in known}
    candidates.update({folder: f"la cartella «{folder}/»" for folder in FOLDERS})
    for path in sorted(data_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix in (".yaml", ".yml") and not path.is_dir() and path.name not in known:
            close = difflib.get_close_matches(path.stem, sorted(candidates), n=1, cutoff=0.7)
            hint = (f"forse intendevi {candidates[close[0]]}?" if close
                    else "i file ammessi sono: " + ", ".join(sorted(FILES)) + "; le cartelle: " + ", ".join(FOLDERS))
            issues.append(Issue(display_name(path, root), 1, 1, "", "file non riconosciuto: non verrebbe pubblicato", hint))
        elif path.is_dir() and path.name not in FOLDERS and yaml_files(path):
            issues.append(Issue(display_name(path, root), 1, 1, "", "cartella non riconosciuta: i suoi file non verrebbero "
                                "pubblicati", "le cartelle ammesse sono: " + ", ".join(FOLDERS), AVVISO))
