"""One set of checks for a whole project: what `trasparenza validate` reports is what the build refuses.

A project is a folder with ``mkdocs.yml`` (or just ``data/``), with its ``Settings`` (``settings.py``):
the command line and any other engine share the checks the MkDocs plugin runs: the data (``validate.load_plan``), the mandatory accessibility
statement, the source text the plan names, pages written by hand where the data generates one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from trasparenza.exports import published
from trasparenza.analysis import history
from trasparenza.loading import reader
from trasparenza.publishing import parallel
from trasparenza.loading import safety
from trasparenza.render import text
from trasparenza.checks.crossref import issue_at
from trasparenza.italian import quantity
from trasparenza.problems import AVVISO, ERRORE, Issue, os_reason
from trasparenza.model import Piao, Sito
from trasparenza.site.plan import PageSpec, site_pages
from trasparenza.loading.settings import CONFIG_FILE, Settings
from trasparenza.checks import identity
from trasparenza.checks.validate import load_site
from trasparenza.loading.data_folder import display_name



@dataclass
class Result:
    site: Sito | None
    issues: list[Issue] = field(default_factory=list)
    pages: list[PageSpec] = field(default_factory=list)
    links: dict = field(default_factory=dict)
    history: dict = field(default_factory=dict)  # history.FileDates of data/ and the hand-written pages
    files: dict = field(default_factory=dict)  # site path -> bytes: open data, catalogue, schemas

    @property
    def plan(self) -> Piao | None:
        """The plan in force (the only one, on a single-plan site)."""
        return self.site.corrente if self.site else None

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERRORE]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == AVVISO]


def today() -> date:
    """Deadlines are measured against today, or TRASPARENZA_OGGI (YYYY-MM-DD) for reproducible builds."""
    fixed = os.environ.get("TRASPARENZA_OGGI")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise ValueError(f"TRASPARENZA_OGGI={fixed!r} non è una data nel formato AAAA-MM-GG (es. 2024-12-31)") from None


def check(root: Path, settings: Settings, today: date) -> Result:
    """Every check of the build, in the build's order; the plan and its pages only if no error."""
    data_dir = (root / settings.data_dir).resolve()
    site, issues = load_site(data_dir, root, today)
    if site is None:
        return Result(None, issues)
    if sum(len(plan.obiettivi) for plan in site.piani) >= parallel.MIN_PAGES:
        text.convert_ahead(lambda: _texts(site))  # a large plan's prose, on every core
    issues = issues + _statement(site, settings, root)
    for plan in site.piani:
        issues += _source_text(plan, settings, root)
    written_home = (root / settings.docs_dir / "index.md").is_file()
    marks = [m for m in (site.ente.denominazione, site.ente.codice_fiscale) if m]
    ente = (site.ente.source_file(), marks) if marks and site.ente.source_file() != "?" else None
    file_dates = history.git_dates(root, [root / settings.docs_dir], [data_dir], ente)
    open_data = published.publish(site, settings.prefisso, file_dates, settings.site_url, today,
                                    settings.use_directory_urls)
    pages, links = site_pages(site, settings.prefisso, written_home, open_data)
    history.date_pages(pages, site, file_dates)
    issues += _history_unread(root, pages)
    issues += _publication_ended(site, file_dates, today, root, settings)
    issues += identity.check(site, root, settings)
    issues += _hand_written_collisions(pages, root, settings) + _hand_written_encoding(root, settings)
    issues.sort()
    if any(i.severity == ERRORE for i in issues):
        return Result(None, issues)
    return Result(site, issues, pages, links, file_dates, open_data.file)


def _texts(value) -> Iterator[str]:
    """Every text of the plan (for text.convert_ahead)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for item in value.__dict__.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def _publication_ended(site: Sito, file_dates: dict, today: date, root: Path, settings: Settings) -> list[Issue]:
    """A plan past its mandatory publication period (D.Lgs. 33/2013 art. 8 c. 3) leaves the public site."""
    issues = []
    for plan in site.piani:
        end = history.publication_end(plan, history.plan_dates(plan, file_dates))
        if end is None or today <= end or plan.piano.resta_pubblicato:
            continue
        folder = display_name(Path(root / plan.piano.source_file()).parent, root)
        where = (f"sposta la cartella {folder} fuori da {settings.data_dir}/" if site.multipiano
                 else "sostituisci i dati con quelli del piano in vigore")
        issues.append(issue_at(plan.piano, "triennio",
                               f"il {plan.piano.etichetta} doveva restare pubblicato fino al {end:%d/%m/%Y}: il periodo "
                               "di pubblicazione obbligatoria (d.lgs. 33/2013, art. 8, comma 3) è terminato",
                               f"{where} (resta nella storia del repository e si può fornire con l'accesso civico, "
                               "art. 5); se deve restare online perché produce ancora effetti, scrivi il motivo in "
                               "piano.yaml («resta_pubblicato: produce ancora effetti…»); se la data di pubblicazione "
                               "è sbagliata, correggi «pubblicato_il»", AVVISO))
    return issues


def _history_unread(root: Path, pages: list[PageSpec]) -> list[Issue]:
    """Pages whose dates would come from git, where git cannot give them."""
    state = history.repository(root)
    undated = [page for page in pages if page.kind.dates != "none" and page.dates.pubblicato_il is None]
    if state not in ("shallow", "no git") or not undated:
        return []
    why = ("la storia del repository è incompleta (copia «shallow»)" if state == "shallow"
           else "git non è installato")
    return [Issue(CONFIG_FILE, 1, 1, "", f"{why}: le date «Pubblicato il» e «Ultimo aggiornamento» di "
                  f"{quantity(len(undated), 'pagina', 'pagine')} non si possono leggere dalla storia dei file",
                  "nel CI scarica tutta la storia (GitHub: «fetch-depth: 0» in actions/checkout; GitLab: "
                  "«GIT_DEPTH: 0» e git installato), oppure scrivi «pubblicato_il» in piano.yaml", AVVISO)]


def _statement(site: Sito, settings: Settings, root: Path) -> list[Issue]:
    if site.dichiarazione is not None or not settings.richiedi_dichiarazione:
        return []
    where = display_name(root / settings.data_dir / "accessibilita.yaml", root)
    return [Issue(where, 1, 1, "", "manca la dichiarazione di accessibilità (file obbligatorio)",
                  f"crea {where} (vedi il README); per un sito di esempio imposta «richiedi_dichiarazione: false» "
                  "tra le opzioni del plugin in mkdocs.yml")]


def _source_text(plan: Piao, settings: Settings, root: Path) -> list[Issue]:
    """The text a plan was converted from stays beside its data, in the repository, unpublished."""
    name = plan.piano.testo_origine
    if not name:
        return []
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        return [issue_at(plan.piano, "testo_origine", "il testo di origine deve stare nella cartella del progetto",
                       "copia il file accanto a mkdocs.yml e scrivi il suo nome, es. «fonte.txt»")]
    if not path.is_file():
        return [issue_at(plan.piano, "testo_origine", f"il file «{name}» non esiste nella cartella del progetto",
                       "controlla il nome del file (il percorso parte dalla cartella di mkdocs.yml)")]
    if path.is_relative_to((root / settings.docs_dir).resolve()):
        return [issue_at(plan.piano, "testo_origine",
                       f"il file «{name}» è nella cartella {settings.docs_dir}/ e verrebbe pubblicato così com'è",
                       "spostalo accanto a mkdocs.yml: può contenere nomi del personale che il sito non pubblica",
                       AVVISO)]
    return []


def _hand_written_collisions(pages: list[PageSpec], root: Path, settings: Settings) -> list[Issue]:
    docs = root / settings.docs_dir
    return [Issue(display_name(docs / page.src_uri, root), 1, 1, "",
                  f"la pagina {page.src_uri} è generata dai dati e non può essere scritta a mano",
                  "rinomina o elimina il file scritto a mano")
            for page in pages if not page.written and (docs / page.src_uri).is_file()]


def _hand_written_encoding(root: Path, settings: Settings) -> list[Issue]:
    """MkDocs stops with a traceback on a page that is not UTF-8 (a page saved by an old editor)."""
    issues: list[Issue] = []
    refused = set()
    for path in sorted((root / settings.docs_dir).rglob("*")):
        reason = safety.refused_file(path, root) if not path.is_dir() else None
        if reason:  # a pipe is never opened, a link outside the project never read nor published
            refused.add(path)
            issues.append(Issue(display_name(path, root), 1, 1, "", f"il file {reason}",
                                "sostituisci il collegamento con una copia del file, oppure toglilo"))
    for path in sorted((root / settings.docs_dir).rglob("*.md")):
        if path in refused:
            continue
        try:
            with open(path, "rb") as stream:
                issues += reader.decode(stream.read(reader.MAX_BYTES), display_name(path, root))[1]
        except OSError as exc:
            issues.append(Issue(display_name(path, root), 1, 1, "", f"la pagina non si può leggere: {os_reason(exc)}",
                                "controlla che il file esista e che i suoi permessi ne consentano la lettura"))
    return issues
