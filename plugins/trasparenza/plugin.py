"""The MkDocs adapter: load the plan, add its pages, render them, publish atomically.

Everything MkDocs-specific lives here; the core modules do not import MkDocs.
"""

from __future__ import annotations

import html
import json
import logging
import os
from datetime import date
import shutil
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler

from .errors import ERRORE
from .pages import PageSpec, nav_entries, plan_pages
from .render import Renderer
from .validate import load_plan

log = get_plugin_logger(__name__)


class TrasparenzaConfig(base.Config):
    data_dir = c.Type(str, default="data")
    prefisso = c.Type(str, default="piao")
    templates_dir = c.Optional(c.Type(str))
    mostra_nomi_personale = c.Type(bool, default=False)
    # A public body's site must link its accessibility statement; example sites may opt out.
    richiedi_dichiarazione = c.Type(bool, default=True)
    build_atomica = c.Type(bool, default=True)


class TrasparenzaPlugin(BasePlugin[TrasparenzaConfig]):
    # `mkdocs serve` re-creates plugins on every rebuild but calls on_startup only once.
    _command: str = "build"

    def on_startup(self, *, command, dirty) -> None:
        TrasparenzaPlugin._command = command

    def on_config(self, config):
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        data_dir = (root / self.config.data_dir).resolve()
        try:
            plan, issues = load_plan(data_dir, root, _today())
        except Exception as exc:  # a bug, not a data mistake: no traceback for the office, a notice to report
            raise PluginError(f"Errore interno di Trasparenza durante la lettura dei dati ({type(exc).__name__}: "
                              f"{exc}). Non dipende dai dati: segnalalo agli sviluppatori.") from exc
        for issue in issues:
            (log.error if issue.severity == ERRORE else log.warning)(issue.format())
        if plan is None:
            errors = sum(1 for issue in issues if issue.severity == ERRORE)
            raise PluginError(f"Dati non validi: {errors} errori elencati sopra. Il sito pubblicato non è stato toccato.")
        if plan.dichiarazione is None and self.config.richiedi_dichiarazione:
            where = Path(self.config.data_dir) / "accessibilita.yaml"
            log.error(f"{where}:1:1: errore: manca la dichiarazione di accessibilità\n    come correggere: crea "
                      f"{where} (vedi il README); per un sito di esempio imposta «richiedi_dichiarazione: false»")
            raise PluginError("Manca la dichiarazione di accessibilità.")
        self.plan = plan
        config.extra["trasparenza"] = {"dichiarazione_url": plan.dichiarazione.url if plan.dichiarazione else None}
        self.pages, links = plan_pages(plan, self.config.prefisso)
        self.by_src = {page.src_uri: page for page in self.pages}
        self.renderer = Renderer(self._templates_dir(config, root), links, config.use_directory_urls,
                                 {"mostra_nomi_personale": self.config.mostra_nomi_personale})
        config.watch.append(str(data_dir))
        if config.nav is None:
            config.nav = self._default_nav(config)
        self._prepare_atomic_build(config)
        return config

    def _default_nav(self, config) -> list:
        """Without a `nav:` in mkdocs.yml: hand-written pages first (home on top), then the plan."""
        docs = Path(config.docs_dir)
        written = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md"))
        written.sort(key=lambda name: name != "index.md")
        return [*written, nav_entries(self.plan, self.pages)]

    def _templates_dir(self, config, root: Path) -> Path:
        if self.config.templates_dir:
            return (root / self.config.templates_dir).resolve()
        custom = config.theme.custom_dir
        if not custom:
            raise PluginError("Imposta theme.custom_dir sulla cartella theme/ di Trasparenza "
                              "(contiene i modelli delle pagine in theme/trasparenza/).")
        return Path(custom) / "trasparenza"

    def on_files(self, files: Files, *, config) -> Files:
        for page in self.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"La pagina {page.src_uri} esiste già in {config.docs_dir}: è generata dai "
                                  "dati, quindi rinomina o elimina il file scritto a mano.")
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=_front_matter(page), inclusion=inclusion))
        return files

    def on_page_content(self, html, *, page, config, files):
        spec = self.by_src.get(page.file.src_uri)
        if spec is None:
            return html
        return self.renderer.render(spec)

    def on_post_page(self, output: str, *, page, config) -> str:
        return _fix_theme_markup(output)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        return _fix_theme_markup(output_content)  # 404.html and other static templates

    # --- atomic publication: build beside site_dir, swap only when the build is clean ---

    def _prepare_atomic_build(self, config) -> None:
        self._final = None
        if TrasparenzaPlugin._command != "build" or not self.config.build_atomica:
            return
        final = Path(config.site_dir)
        staging = final.with_name(final.name + ".in-costruzione")
        if staging.exists():
            shutil.rmtree(staging)
        self._final, self._staging = final, staging
        config.site_dir = str(staging)
        self._warnings = CountHandler()
        self._warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self._warnings)
        self._strict = config.strict

    @event_priority(-100)  # after every other plugin has written its files (search index…)
    def on_post_build(self, *, config) -> None:
        _sanitise_search_index(Path(config.site_dir))
        if self._final is None:
            return
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        if self._strict and self._warnings.get_counts():
            shutil.rmtree(self._staging, ignore_errors=True)
            log.error(f"Sito non pubblicato: la build ha prodotto avvisi; {self._final} resta com'era.")
            return
        old = self._final.with_name(self._final.name + ".precedente")
        if old.exists():
            shutil.rmtree(old)
        if self._final.exists():
            self._final.rename(old)
        self._staging.rename(self._final)
        shutil.rmtree(old, ignore_errors=True)
        config.site_dir = str(self._final)
        log.info(f"Sito pubblicato in {self._final}")

    def on_build_error(self, *, error) -> None:
        if getattr(self, "_final", None) is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            shutil.rmtree(self._staging, ignore_errors=True)


def _sanitise_search_index(site: Path) -> None:
    """The search index holds page text with entities decoded, and mkdocs-material shows results as
    HTML: text typed as «&lt;script&gt;» would come back to life there. Re-sanitise every entry."""
    import nh3

    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for doc in data.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = nh3.clean(doc[key], tags={"code", "strong", "em", "b", "i", "mark"}, attributes={})
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _fix_theme_markup(html: str) -> str:
    """Two fixes to mkdocs-material's markup that templates cannot reach: `autocomplete` is
    invalid on checkboxes (Nu HTML Checker) and the search dialog needs an accessible name."""
    html = html.replace('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__drawer"')
    html = html.replace('type="checkbox" id="__search" autocomplete="off"', 'type="checkbox" id="__search"')
    return html.replace('data-md-component="search" role="dialog"',
                        'data-md-component="search" role="dialog" aria-label="Ricerca nel sito"', 1)


def _today() -> date:
    """Deadlines are measured against today, or TRASPARENZA_OGGI (YYYY-MM-DD) for reproducible builds."""
    fixed = os.environ.get("TRASPARENZA_OGGI")
    return date.fromisoformat(fixed) if fixed else date.today()


def _front_matter(page: PageSpec) -> str:
    # MkDocs themes print title and description without escaping (in <title>, <meta>, the menu):
    # they arrive escaped. JSON strings are valid YAML scalars, so quotes and colons stay intact.
    title = html.escape(page.title, quote=True)
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if page.description:
        lines.append(f"description: {json.dumps(html.escape(page.description, quote=True), ensure_ascii=False)}")
    lines += ["hide:", "  - toc", "---", ""]
    return "\n".join(lines)
