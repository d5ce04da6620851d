"""Turn the files of data/ into a Piao, collecting every issue of the pass.

Each kind of file has its own model (see ``model.documenti``); the file name says
which. Cross-references between files are checked in ``crossref`` once all loaded.
"""

from __future__ import annotations

import difflib
import functools
import typing
from dataclasses import replace
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ValidationError

from trasparenza.checks import crossref
from trasparenza.loading import images
from trasparenza.loading import reader
from trasparenza.checks import messages
from trasparenza.publishing import parallel
from trasparenza.loading import safety
from trasparenza.problems import AVVISO, ERRORE, Issue, field_path
from trasparenza.loading.data_folder import display_name, yaml_files
from trasparenza.model.files import FILES, FOLDERS, PLANS_DIR, REQUIRED, SHARED
from trasparenza.model import (
    Ente,
    FileObiettivi,
    FileValorePubblico,
    Nodo,
    Origin,
    Piao,
    Sito,
)



def load_site(data_dir: Path, root: Path | None = None, oggi: date | None = None) -> tuple[Sito | None, list[Issue]]:
    """Load every plan of the site: data/ itself (one plan) or data/piani/<triennio>/ (several)."""
    root = root or data_dir.parent
    if not (data_dir / PLANS_DIR).is_dir():
        plan, issues = load_plan(data_dir, root, oggi)
        if plan is None:
            return None, issues
        issues = sorted(issues + _check_stemma(plan.ente, data_dir))
        if any(i.severity == ERRORE for i in issues):
            return None, issues
        return Sito(ente=plan.ente, piani=[plan], dichiarazione=plan.dichiarazione,
                    obiettivi_accessibilita=plan.obiettivi_accessibilita,
                    trasparenza=plan.trasparenza), issues
    issues: list[Issue] = []
    shared = _load_files(data_dir, root, {n: FILES[n] for n in SHARED}, ("ente.yaml",), issues)
    _check_unknown_files(data_dir, root, issues, SHARED, {PLANS_DIR: "la cartella dei piani"})
    folders = sorted(p for p in (data_dir / PLANS_DIR).iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        issues.append(Issue(display_name(data_dir / PLANS_DIR, root), 1, 1, "", "la cartella dei piani è vuota",
                            f"crea una cartella per piano, es. {display_name(data_dir / PLANS_DIR, root)}/2024-2026/, "
                            "con piano.yaml e gli altri file del piano"))
    plans = []
    for folder in folders:
        plan = _plan_folder(folder, root, shared, issues)
        if plan is not None:
            plans.append(plan)
    if any(i.severity == ERRORE for i in issues) or not plans:
        return None, sorted(issues)
    plans.sort(key=lambda plan: (plan.piano.anno_inizio or 0, plan.piano.segmento), reverse=True)
    issues.extend(_check_plans(plans, folders, root))
    issues.extend(crossref.check_accessibility(plans[0], oggi or date.today()))
    issues.extend(_check_stemma(shared["ente"], data_dir))
    site = Sito(ente=shared["ente"], piani=plans, dichiarazione=shared.get("dichiarazione"),
                obiettivi_accessibilita=shared.get("obiettivi_accessibilita"),
                trasparenza=shared.get("trasparenza"), multipiano=True)
    failed = any(i.severity == ERRORE for i in issues)
    return (None if failed else site), sorted(issues)


def _check_stemma(ente: Ente, data_dir: Path) -> list[Issue]:
    """The coat of arms is a file inside the data folder (it is copied into the site)."""
    if not ente.stemma:
        return []
    path = (data_dir / ente.stemma).resolve()
    if not path.is_relative_to(data_dir.resolve()):
        return [crossref.issue_at(ente, "stemma", "lo stemma deve stare nella cartella dei dati",
                                  "copia il file nella cartella dei dati e scrivi solo il suo nome, es. «stemma.svg»")]
    refused = safety.refused_file(data_dir / ente.stemma, data_dir)
    if refused:
        return [crossref.issue_at(ente, "stemma", f"il file dello stemma {refused}",
                                  "metti nella cartella dei dati il file dello stemma (un'immagine PNG o SVG)")]
    if not path.is_file():
        return [crossref.issue_at(ente, "stemma", f"il file dello stemma «{ente.stemma}» non esiste",
                                  "controlla il nome del file (maiuscole comprese) o togli la riga «stemma»")]
    try:
        with open(path, "rb") as stream:
            images.checked(stream.read(images.MAX_SVG_BYTES + 1), path.suffix)
    except images.RefusedImage as refused:  # the published file is the cleaned one (plugin.on_files)
        return [crossref.issue_at(ente, "stemma", f"lo stemma non si può pubblicare: {refused}",
                                  "esporta lo stemma come immagine semplice (un PNG, o un SVG senza script né "
                                  "riferimenti esterni)")]
    except OSError as exc:
        return [crossref.issue_at(ente, "stemma", f"il file dello stemma non si può leggere: {exc.strerror}",
                                  "controlla i permessi del file")]
    return []


def _plan_folder(folder: Path, root: Path, shared: dict, issues: list[Issue]) -> Piao | None:
    own = {name: spec for name, spec in FILES.items() if name not in SHARED}
    for name in SHARED:
        if (folder / name).exists():
            issues.append(Issue(display_name(folder / name, root), 1, 1, "",
                                f"{name} è comune a tutti i piani: va scritto una volta sola nella cartella dei dati",
                                f"sposta il file in {display_name(folder.parent.parent / name, root)} "
                                "(se c'è già, tieni la versione più recente)"))
    before = len(issues)
    parts = _load_files(folder, root, own, ("piano.yaml",), issues)
    parts.update(_load_folders(folder, root, issues))
    _check_unknown_files(folder, root, issues, tuple(own), {}, shared_here=SHARED)
    if any(i.severity == ERRORE for i in issues[before:]) or "ente" not in shared:
        return None
    plan = _assemble(dict(parts, ente=shared["ente"], dichiarazione=shared.get("dichiarazione"),
                          obiettivi_accessibilita=shared.get("obiettivi_accessibilita"),
                          trasparenza=shared.get("trasparenza")))
    found = crossref.check(plan)
    issues.extend(found)
    return None if any(i.severity == ERRORE for i in found) else plan


def _check_plans(plans: list[Piao], folders: list[Path], root: Path) -> list[Issue]:
    """Each plan has its own period, and so its own URLs; the folder is named after it."""
    issues: list[Issue] = []
    seen: dict[str, Piao] = {}
    for plan in plans:
        segment = plan.piano.segmento
        if plan.piano.triennio is None:
            issues.append(crossref.issue_at(plan.piano, "titolo", "nella cartella dei piani ogni piano deve indicare il triennio",
                                            "scrivi «triennio: AAAA-AAAA» in piano.yaml: è l'indirizzo delle sue pagine"))
        elif segment in seen:
            other = seen[segment].piano.where("triennio")
            issues.append(crossref.issue_at(plan.piano, "triennio", f"il triennio {segment} è già di un altro piano "
                                            f"({other[0]}:{other[1]})",
                                            "ogni piano ha il suo triennio: correggi l'anno o togli il piano doppio"))
        else:
            seen[segment] = plan
            folder = Path(plan.piano.source_file()).parent.name
            if folder != segment:
                issues.append(crossref.issue_at(plan.piano, "triennio", f"il piano {segment} è nella cartella «{folder}»",
                                                f"rinomina la cartella in «{segment}»: così chi cerca un piano lo trova "
                                                "dal suo triennio", AVVISO))
    return issues


def load_plan(data_dir: Path, root: Path | None = None, oggi: date | None = None) -> tuple[Piao | None, list[Issue]]:
    """Load and validate one plan's data folder (the whole data/ when it holds a single plan).
    Returns the plan only if there is no error.

    ``oggi`` is the date deadlines are measured against (today unless a test fixes it)."""
    root = root or data_dir.parent
    if not data_dir.is_dir():
        return None, [Issue(display_name(data_dir, root), 1, 1, "", "la cartella dei dati non esiste",
                            f"crea la cartella {display_name(data_dir, root)}/ con almeno ente.yaml e piano.yaml "
                            "(o correggi «data_dir» tra le opzioni del plugin in mkdocs.yml)")]
    if not yaml_files(data_dir) and not any(yaml_files(d) for d in data_dir.iterdir() if d.is_dir()):
        return None, [Issue(display_name(data_dir, root), 1, 1, "", "la cartella dei dati è vuota: non c'è nessun file YAML",
                            "aggiungi almeno ente.yaml e piano.yaml (vedi il README)")]
    issues: list[Issue] = []
    parts = _load_files(data_dir, root, FILES, REQUIRED, issues)
    parts.update(_load_folders(data_dir, root, issues))
    _check_unknown_files(data_dir, root, issues, tuple(FILES), {})
    if any(i.severity == ERRORE for i in issues):
        return None, sorted(issues)
    plan = _assemble(parts)
    issues.extend(crossref.check(plan))
    issues.extend(crossref.check_accessibility(plan, oggi or date.today()))
    failed = any(i.severity == ERRORE for i in issues)
    return (None if failed else plan), sorted(issues)


def _load_files(folder: Path, root: Path, files: dict, required: tuple, issues: list[Issue]) -> dict:
    parts: dict[str, object] = {}
    for name, (attr, model) in files.items():
        path = folder / name
        if path.exists() or path.is_symlink():
            value = _load_file(path, model, root, issues)
            if value is not None:
                parts[attr] = value
        elif name in required:
            issues.append(Issue(display_name(path, root), 1, 1, "", f"manca il file {name}",
                                f"crea {display_name(path, root)} (vedi il README per un esempio)"))
    return parts


def _load_folders(folder: Path, root: Path, issues: list[Issue]) -> dict:
    parts: dict[str, list] = {}
    files = {name: yaml_files(folder / name) for name in FOLDERS}
    read = _read_ahead([path for paths in files.values() for path in paths], root)
    for name, (attr, model) in FOLDERS.items():
        items = []
        for path in files[name]:
            value = _load_file(path, model, root, issues, read.get(path))
            if value is not None:
                items.append(value)
        parts[attr] = items
    return parts


READ_AHEAD_BYTES = 1_000_000  # YAML in a plan's folders above which the files are read on every core


def _read_ahead(paths: list[Path], root: Path) -> dict[Path, tuple]:
    """The files of a large plan, read (reader.load) by one worker per core; {} for a smaller one, or
    where workers are not possible: each file is then read when its turn comes."""
    try:
        size = sum(path.stat().st_size for path in paths)
    except OSError:  # a file that cannot be read: its own turn says so
        return {}
    if size < READ_AHEAD_BYTES:
        return {}
    read = parallel.fork_map(lambda index: reader.load(paths[index], display_name(paths[index], root)), len(paths))
    return dict(zip(paths, read)) if read else {}


def _assemble(parts: dict) -> Piao:
    return Piao(
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
        trasparenza=parts.get("trasparenza"),
        rischi=parts.get("rischi"),
        aree_rischio=parts["aree_rischio"].aree_rischio if parts.get("aree_rischio") else [],
        misure=parts.get("misure"),
        obblighi=parts.get("obblighi"),
    )


def _load_file(path: Path, model: type[BaseModel], root: Path, issues: list[Issue], read: tuple | None = None):
    name = display_name(path, root)
    outside = safety.refused_file(path, root)
    if outside:  # a link to /proc/self/environ, to another project's data: refused with its name
        issues.append(Issue(name, 1, 1, "", f"il file {outside}", "metti nella cartella dei dati una copia del file "
                                                                     "invece del collegamento"))
        return None
    document, found = read or reader.load(path, name)
    if path.name in REQUIRED:  # an empty mandatory file is filled in, not deleted
        found = [replace(i, hint="scrivi i dati: il file è obbligatorio") if i.message == "il file è vuoto" else i
                 for i in found]
    issues.extend(found)
    if document is None:
        return None
    data = document.data
    if model is FileObiettivi and isinstance(data, dict):
        data = inherit_struttura(data, document)
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            is_key = loc[-1:] == ("[key]",)  # a mapping's key that is not allowed (pubblicati_altrove)
            loc = loc[:-1] if is_key else loc
            line, column = document.position(loc, key=is_key or error["type"] == "extra_forbidden")
            message, hint = messages.translate(error, model)
            if is_key:
                message = f"«{loc[-1]}» non è una voce ammessa"
            issues.append(Issue(name, line, column, field_path(loc), message, hint))
        return None
    _attach_origin(value, Origin(name, (), document.located), ())
    return value


def inherit_struttura(data: dict, document=None) -> dict:
    """``struttura:`` at the top of an objectives file applies to every objective in it; errors about
    an inherited value point at that top-level line (when the positions of a ``document`` are known)."""
    default = data.get("struttura")
    objectives = data.get("obiettivi")
    if default is None or not isinstance(objectives, list):
        return data
    items = []
    for index, item in enumerate(objectives):
        if isinstance(item, dict) and "struttura" not in item:
            item = dict(item, struttura=default)
            if document is not None:
                document.located.alias(("obiettivi", index, "struttura"), ("struttura",))
        items.append(item)
    return dict(data, obiettivi=items)


def _attach_origin(value, origin: Origin, path: tuple) -> None:
    if isinstance(value, Nodo):
        value._origin = Origin(origin.file, path, origin.positions)
        for name in _nested_fields(type(value)):
            _attach_origin(getattr(value, name), origin, path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _attach_origin(item, origin, path + (index,))


@functools.cache
def _nested_fields(model: type[Nodo]) -> tuple[str, ...]:
    """The fields of a model that may hold records (the others are values: no origin to attach)."""
    return tuple(name for name, info in model.model_fields.items() if _holds_records(info.annotation))


def _holds_records(annotation) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, Nodo):
        return True
    return any(_holds_records(arg) for arg in typing.get_args(annotation))


def _check_unknown_files(data_dir: Path, root: Path, issues: list[Issue], known_files: tuple,
                         extra_folders: dict, shared_here: tuple = ()) -> None:
    known = set(known_files)
    folders = {name: f"la cartella «{name}/»" for name in FOLDERS} if not extra_folders else {}
    folders.update({name: f"{what} «{name}/»" for name, what in extra_folders.items()})
    # Suggestions compare names without extension, so «obbiettivi.yaml» points to the «obiettivi/» folder.
    candidates = {Path(name).stem: f"il file «{name}»" for name in known}
    candidates.update({folder: what for folder, what in folders.items()})
    for path in sorted(data_dir.iterdir()):
        if path.name.startswith(".") or path.name in shared_here:
            continue
        if path.suffix in (".yaml", ".yml") and not path.is_dir() and path.name not in known:
            close = difflib.get_close_matches(path.stem, sorted(candidates), n=1, cutoff=0.7)
            if path.name in FILES:  # a plan's file beside the plans' folder
                hint = (f"ogni piano ha i suoi dati nella sua cartella: sposta il file in "
                        f"{display_name(data_dir / PLANS_DIR, root)}/<triennio>/")
            elif close:
                hint = f"forse intendevi {candidates[close[0]]}?"
            else:
                hint = ("i file ammessi sono: " + ", ".join(sorted(known)) + "; le cartelle: " + ", ".join(folders))
            issues.append(Issue(display_name(path, root), 1, 1, "", "file non riconosciuto: non verrebbe pubblicato", hint))
        elif path.is_dir() and path.name not in folders and (yaml_files(path) or extra_folders):
            if extra_folders and not yaml_files(path) and not any(yaml_files(d) for d in path.iterdir() if d.is_dir()):
                continue
            issues.append(Issue(display_name(path, root), 1, 1, "", "cartella non riconosciuta: i suoi file non verrebbero "
                                "pubblicati", "le cartelle ammesse sono: " + ", ".join(folders), AVVISO))
