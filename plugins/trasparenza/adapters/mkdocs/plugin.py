"""The MkDocs adapter: load the plan, add its pages, render them, publish atomically.

Everything MkDocs-specific lives here; the core modules do not import MkDocs.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import html
import itertools
import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from trasparenza.analysis import history
from trasparenza.loading import images
from trasparenza.publishing import parallel
from trasparenza.adapters.mkdocs import preview
from trasparenza import project
from trasparenza.loading import safety
from trasparenza.render import search
from trasparenza.render import text
from trasparenza.adapters.mkdocs import theme_setup
from trasparenza.problems import ERRORE, Issue, internal_error, os_reason, quantity
from trasparenza.site.plan import PageSpec, nav_entries
from trasparenza.publishing.transaction import Publication, PublicationError, a_built_site
from trasparenza.render.renderer import Renderer, bytecode_cache
from trasparenza.loading.settings import Settings, read_settings

log = get_plugin_logger(__name__)
DEFAULTS = Settings()
ERROR_TITLE = "Anteprima ferma: dati da correggere"

class TrasparenzaConfig(base.Config):
    data_dir = c.Type(str, default=DEFAULTS.data_dir)
    prefisso = c.Type(str, default=DEFAULTS.prefisso)
    templates_dir = c.Optional(c.Type(str))
    mostra_nomi_personale = c.Type(bool, default=DEFAULTS.mostra_nomi_personale)
    richiedi_dichiarazione = c.Type(bool, default=DEFAULTS.richiedi_dichiarazione)
    build_atomica = c.Type(bool, default=DEFAULTS.build_atomica)


_MKDOCS_LOG = logging.getLogger("mkdocs")
PROGRESS_EVERY = 500  # pages between two progress messages of a large build
# Plugins whose page events the workers can run in their own process (parallel.py): they only change the
# page being built, and mkdocs-material's search skips these pages (search.py indexes them). Their
# on_post_page, if they ever have one, runs in the worker and again here. With any other plugin the build
# renders every page itself.
WORKER_SAFE_PLUGINS = {"trasparenza", "material/search"}
# The theme template of a page a worker rendered whole: it prints that HTML. A page the workers could not
# render gets the theme's own page template, in this process.
WHOLE_PAGE = "trasparenza/pagina-intera.html"
WHOLE_PAGE_SOURCE = '{% if tp_pagina_intera is defined %}{{ tp_pagina_intera }}{% else %}{% include "main.html" %}{% endif %}'


class TrasparenzaPlugin(BasePlugin[TrasparenzaConfig]):
    # `mkdocs serve` re-creates plugins on every rebuild but calls on_startup only once,
    # so what must outlive a rebuild is kept on the class.
    _command: str | None = None
    _known_pages: list[tuple[str, str]] = []  # the preview's last good pages, kept through data errors
    # Set by on_config; None also when another plugin failed before it ran.
    publication: Publication | None = None
    _sigterm = None
    stream: parallel.Stream | None = None  # the workers rendering a large build's pages ahead
    whole = None  # the page a worker has just rendered whole
    workers = False  # whether this build's pages (those the search plugin skips) go to workers
    in_worker = False  # set in a forked worker (parallel.py)

    layout_reported = False

    def load_config(self, options, config_file_path=None):
        """MkDocs checks its own folders after loading the plugins and refuses some overlaps in English: the
        Italian message, which names the line of mkdocs.yml, comes first (on_config does not repeat it)."""
        errors, warnings = super().load_config(options, config_file_path)
        if config_file_path and not errors and Path(config_file_path).is_file():
            config_file = Path(config_file_path)
            layout = safety.layout_of(config_file, read_settings(config_file)[0])
            if layout:
                for issue in layout:
                    log.error(issue.format())
                self.layout_reported = True
        return errors, warnings

    def on_startup(self, *, command, dirty) -> None:
        # `mkdocs serve --clean` tells plugins it is a build: it is a preview all the same.
        serving = command == "serve" or (command == "build" and "mkdocs.commands.serve" in sys.modules)
        TrasparenzaPlugin._command = "serve" if serving else command

    @event_priority(100)  # first: other plugins that note site_dir in on_config see the staging folder
    def on_config(self, config):
        theme_setup.adapt_theme(config.theme)
        root = (Path(config.config_file_path).parent if config.config_file_path else Path.cwd()).resolve()
        settings = Settings(**{name: self.config[name] for name in Settings.options()},
                                    docs_dir=os.path.relpath(config.docs_dir, root), site_url=config.site_url or None,
                                    use_directory_urls=config.use_directory_urls)
        self.root = root
        self.data_dir = (root / settings.data_dir).resolve()
        if self.data_dir.is_dir():
            config.watch.append(str(self.data_dir))
        self.serving = _serving()
        self.publication = None
        self.error_page = None
        layout = safety.check_layout(root, Path(config.site_dir), Path(config.docs_dir), root / settings.data_dir,
                                     Path(config.theme.custom_dir) if config.theme.custom_dir else None,
                                     root / settings.templates_dir if settings.templates_dir else None,
                                     settings.prefisso, Path(config.config_file_path or "mkdocs.yml").name,
                                     _config_text(config))
        if layout:  # before anything is written, or a staging folder made beside the site
            if not self.layout_reported:
                self._report(layout)
            raise PluginError("Costruzione non avviata: le cartelle indicate in mkdocs.yml si sovrappongono o "
                              "escono dal progetto (vedi sopra). Nessun file è stato toccato.")
        if self._command in ("build", "gh-deploy") and not self.serving and settings.build_atomica:
            self._begin_publication(config)  # first: takes the turn, tidies what a killed build left
        elif self._command == "build" and Path(config.site_dir).is_dir() and not a_built_site(Path(config.site_dir)):
            raise PluginError(f"Costruzione non avviata: la cartella {config.site_dir} contiene file che non vengono "
                              "da una costruzione del sito, e MkDocs la svuoterebbe: indica in «site_dir» una "
                              "cartella nuova o quella del sito costruito.")
        self.renderer_options = {"mostra_nomi_personale": settings.mostra_nomi_personale}
        templates = self._templates_dir(config, root)
        try:
            today = project.today()
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        try:
            with _long_lived(not self.serving):
                result = project.check(root, settings, today)
        except Exception as exc:  # a bug, not a data mistake: no traceback for the office, a notice to report
            message = internal_error(exc, "durante la lettura dei dati")
            if not self.serving:
                raise PluginError(message) from exc
            return self._show_errors(config, templates, [], message)
        self._report(result.issues)
        if result.plan is None:
            if self.serving:
                return self._show_errors(config, templates, result.issues)
            raise PluginError(f"Dati non validi: {quantity(len(result.errors), 'errore elencato', 'errori elencati')} sopra. "
                              "Il sito pubblicato non è stato toccato.")
        self.site, self.pages, self.files = result.site, result.pages, result.files
        self.history, self.root = result.history, root
        self.by_src = {page.src_uri: page for page in self.pages}
        self.indexed: dict[str, dict | None] = {}  # search entries of the pages the workers rendered
        self.rendered = 0
        if len(self.pages) >= PROGRESS_EVERY:
            log.info(f"Trasparenza: {len(self.pages)} pagine da generare dai dati.")
        self.renderer = Renderer(templates, result.links, config.use_directory_urls, self.renderer_options,
                                 watch=self.serving)
        config.extra["trasparenza"] = theme_setup.theme_extra(self.site, config.use_directory_urls)
        for setting in theme_setup.third_party_requests(config):
            log.warning(f"{setting}: le pagine contatterebbero un server di terzi, mentre la pagina «Privacy e cookie» "
                        "dice che non succede. Togli l'impostazione da mkdocs.yml.")
        if self.serving:
            TrasparenzaPlugin._known_pages = [(page.src_uri, page.title) for page in self.pages]
            if result.warnings:
                config.extra["trasparenza"]["anteprima_avvisi"] = self.renderer.render_template(
                    "avvisi_anteprima.html", avvisi=result.warnings)
        if config.nav is None:
            home = [] if any(page.written for page in self.pages) else ["index.md"]
            config.nav = [*home, *_written_pages(config), *nav_entries(self.site, self.pages)]
        return config

    def _report(self, issues: list[Issue]) -> None:
        # The preview reports outside MkDocs' logger: a data mistake must not stop it, even in strict mode.
        target = preview.log() if self.serving else log
        for issue in issues:
            (target.error if issue.severity == ERRORE else target.warning)(issue.format())

    def _templates_dir(self, config, root: Path) -> Path:
        if self.config.templates_dir:
            return (root / self.config.templates_dir).resolve()
        custom = config.theme.custom_dir
        if not custom:
            raise PluginError("Imposta theme.custom_dir sulla cartella theme/ di Trasparenza "
                              "(contiene i modelli delle pagine in theme/trasparenza/).")
        return Path(custom) / "trasparenza"

    # --- the preview while the data cannot be published ---

    def _show_errors(self, config, templates: Path, issues: list[Issue], internal: str | None = None):
        """Every page of the preview becomes the list of what to correct, at the URLs of the last good
        build, so the page being edited reloads into the explanation and back into itself when fixed."""
        self.site = None
        errors = [i for i in issues if i.severity == ERRORE]
        if internal:
            preview.log().error(internal)
        renderer = Renderer(templates, {}, config.use_directory_urls, self.renderer_options)
        self.error_page = renderer.render_template(
            "errori.html", errori=errors, avvisi=[i for i in issues if i.severity != ERRORE], interno=internal)
        self.pages = [PageSpec(src, title, "errori.html", {}) for src, title in TrasparenzaPlugin._known_pages]
        self.files = {}
        self.by_src = {page.src_uri: page for page in self.pages}
        config.extra["trasparenza"] = {"dichiarazione_url": None, "anteprima_errori": self.error_page,
                                       "pagine": theme_setup.footer_pages(config.use_directory_urls),
                                       "anteprima_titolo": ERROR_TITLE}
        # Links to pages the data would generate are expected to be missing now: no warnings for them.
        config.validation.links.not_found = logging.INFO
        config.validation.nav.not_found = logging.INFO
        if config.nav is None:
            config.nav = _written_pages(config)
        what = "un errore interno" if internal else quantity(len(errors), "errore", "errori") + " nei dati"
        preview.log().error(f"Anteprima ferma per {what}: ogni pagina dell'anteprima mostra cosa correggere; "
                             "salva il file corretto e l'anteprima tornerà da sola.")
        return config

    def on_serve(self, server, *, config, builder):
        preview.follow_data_folder(server, self.data_dir)
        if self.data_dir.is_dir():  # now rather than after this event (config.watch), to poll it faster
            server.watch(str(self.data_dir))
        preview.poll_faster(server, [os.path.abspath(self.data_dir), os.path.abspath(config.docs_dir)])
        return server

    # --- pages ---

    def on_files(self, files: Files, *, config) -> Files:
        refused = _refused_files(files, config, self.root)
        if refused:  # before MkDocs reads a page or copies a file: a pipe would hang it, a link would publish
            self._report(refused)
            raise PluginError("Sito non pubblicato: alcuni file del progetto non si possono leggere o pubblicare "
                              "(vedi sopra).")
        # A hand-written page at a generated path is an error of project.check, reported before this.
        for page in self.pages:
            if page.written:  # the hand-written home page: the data completes it (on_page_content)
                continue
            inclusion = InclusionLevel.INCLUDED if page.in_nav and self.site else InclusionLevel.NOT_IN_NAV
            replaced = files.get_file_from_path(page.src_uri)  # the preview's error page stands in for any page
            if replaced is not None:
                files.remove(replaced)
            files.append(File.generated(config, page.src_uri, content=_front_matter(page), inclusion=inclusion))
        for path, content in self.files.items():  # open data, the catalogue, the schemas (dati_aperti.py)
            files.append(File.generated(config, path, content=content))
        if self.site and self.site.ente.stemma:  # checked at load: a file inside the data folder; an SVG cleaned
            source = self.data_dir / self.site.ente.stemma
            with open(source, "rb") as stream:
                content = images.checked(stream.read(images.MAX_SVG_BYTES + 1), source.suffix)
            files.append(File.generated(config, theme_setup.stemma_uri(self.site.ente.stemma), content=content))
        self.workers = (self.site is not None and self.error_page is None and not self.serving
                        and set(config.plugins) <= WORKER_SAFE_PLUGINS
                        and parallel.possible(sum(1 for page in self.pages if _for_workers(page))))
        return files

    def on_nav(self, nav, *, config, files):
        self.nav = nav  # for the workers' page context
        return nav

    def on_pre_page(self, page, *, config, files):
        """A generated page is made from the model: no front matter to parse, no Markdown to convert
        (MkDocs would build a Markdown parser per page). Its meta and, in on_page_content, its HTML."""
        spec = self.by_src.get(page.file.src_uri)
        if spec is None or spec.written or self.error_page is not None:
            return page
        meta = _meta(spec)
        if self.workers and _for_workers(spec):
            meta["template"] = WHOLE_PAGE

        def read_source(config):
            page.markdown, page.meta = "", meta

        def render(config, files):
            page.content, page.toc = "", get_toc([])

        page.read_source, page.render = read_source, render
        return page

    def on_page_markdown(self, markdown, *, page, config, files):
        # A hand-written page: its dates from the history of its file (generated ones carry theirs);
    # the hand-written home page, completed by the data, the dates of the plan in force.
        if self.error_page is not None or "pubblicato_il" in page.meta:
            return markdown
        spec = self.by_src.get(page.file.src_uri)
        if spec is None:
            name = Path(os.path.relpath(page.file.abs_src_path, self.root)).as_posix() if page.file.abs_src_path else ""
            page.meta.update(_date_meta(history.from_git({name}, self.history)))
        elif spec.written:
            page.meta.update(_date_meta(spec.dates))
        return markdown

    def on_page_read_source(self, *, page, config):
        # While the preview shows the errors, no page is read: one that is not UTF-8 would stop MkDocs.
        return "" if self.error_page is not None else None

    def on_page_content(self, html, *, page, config, files):
        if self.error_page is not None:
            page.title = page.meta["title"] = ERROR_TITLE
            page.toc = []  # the hand-written page's headings are not on it any more (nor the theme's skip link to them)
            return self.error_page
        spec = self.by_src.get(page.file.src_uri)
        if spec is None:
            return html
        if not spec.written:
            return ""  # rendered when its turn comes to be written (on_page_context): no page waits in memory
        # The hand-written home page is the introduction of the generated one (MkDocs' HTML of a page of content/).
        return self._render(spec, introduzione=Markup(html))

    def on_env(self, env, *, config, files):
        env.bytecode_cache = env.bytecode_cache or bytecode_cache()  # the theme's templates, compiled once
        theme_setup.install(env, config.theme["language"])
        if self.workers:
            env.loader = ChoiceLoader([DictLoader({WHOLE_PAGE: WHOLE_PAGE_SOURCE}), env.loader])
            # The pages in the order MkDocs writes them (mkdocs.commands.build), rendered ahead by the workers.
            self.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
            self.order = [(self.by_src[f.src_uri], f.page) for f in self.doc_files
                          if f.src_uri in self.by_src and _for_workers(self.by_src[f.src_uri])]
            self.theme_env, self.mkdocs_config = env, config
            self.stream = parallel.start(self._whole_page, len(self.order))
            if self.stream is not None:
                text.forget()  # the workers have the converted prose: this process makes few pages itself
                log.info(f"Trasparenza: {len(self.order)} pagine costruite da {self.stream.workers} processi "
                         "in parallelo.")
        return env

    def _whole_page(self, index: int) -> tuple[str, tuple[str, dict | None] | None]:
        """In a worker: the page as MkDocs would build it (mkdocs.commands.build._build_page), its events
        included, and its search entry; None if anything fails (the build renders it again and reports
        the error)."""
        spec, page = self.order[index]
        config = self.mkdocs_config
        if not self.in_worker:  # the first page of this worker
            self.in_worker, self.noted = True, _Noted()
            _MKDOCS_LOG.handlers = [self.noted]  # what this page says is said by the build, when it makes it again
        self.noted.said = False
        config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = self.theme_env.get_template("main.html").render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
        except Exception:  # noqa: BLE001 - rendered again by the build, which reports it
            return spec.src_uri, None
        finally:
            page.active = False
            config._current_page = None
        if self.noted.said:  # a warning: the build makes the page again, and counts it (--strict)
            return spec.src_uri, None
        return spec.src_uri, (output, search.entry(spec, config.use_directory_urls))

    @event_priority(50)  # before the search plugin, which strips the data-search-* marks from the content
    def on_page_context(self, context, *, page, config, nav):
        spec = None if self.error_page is not None else self.by_src.get(page.file.src_uri)
        if spec is None or spec.written:
            return context
        if self.in_worker:  # _whole_page: errors go back to the build
            page.content = self.renderer.render(spec)
            return context
        self.rendered += 1
        if self.rendered % PROGRESS_EVERY == 0:  # a large plan: say how far the build has got
            log.info(f"Trasparenza: {self.rendered} di {len(self.pages)} pagine generate…")
        ready = self.stream.take(spec.src_uri) if self.stream is not None and _for_workers(spec) else None
        if self.stream is not None and self.stream.broken:
            log.info("Trasparenza: un processo parallelo si è interrotto (memoria esaurita?); le pagine che restano "
                     "sono costruite da questo processo.")
            self._close_stream()
        if ready is not None:  # a worker's page, and its search entry
            context["tp_pagina_intera"] = Markup(ready[0])  # printed as it is by WHOLE_PAGE
            self.whole, self.indexed[spec.src_uri] = page, ready[1]
        else:
            page.content = self._render(spec)
        return context

    def _render(self, spec: PageSpec, **extra) -> str:
        try:
            return self.renderer.render(spec, **extra)
        except Exception as exc:  # a bug: say so in Italian, no traceback
            message = internal_error(exc, f"nella pagina {spec.src_uri}")
            if not self.serving:
                raise PluginError(message) from exc
            preview.log().error(message)
            return self.renderer.render_template("errori.html", errori=[], avvisi=[], interno=message)

    def _close_stream(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None

    def on_post_page(self, output: str, *, page, config) -> str:
        if self.error_page is None and page.file.src_uri in self.by_src:
            page.content = ""  # written: the HTML need not stay in memory until the end of the build
        if page is self.whole:  # a worker's page: already complete
            self.whole = None
            return output
        return theme_setup.fix_theme_markup(output)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        return theme_setup.fix_theme_markup(output_content)  # 404.html and other static templates

    # --- publication: a transaction (see publish.py) ---

    def _begin_publication(self, config) -> None:
        publication = Publication(Path(config.site_dir), notify=log.info, warn=log.warning)
        try:
            staging = publication.begin()
        except PublicationError as exc:
            raise PluginError(f"Costruzione non avviata: {exc}.") from exc
        self.publication, self.config_ref, self.built = publication, config, False
        config.site_dir = str(staging)
        # A CI job cancelled with SIGTERM ends like Ctrl-C: the staging folder goes, the site stays.
        if threading.current_thread() is threading.main_thread():
            self._sigterm = signal.signal(signal.SIGTERM, _interrupt)

    @event_priority(-100)  # after every other plugin has written its files (search index…)
    def on_post_build(self, *, config) -> None:
        self._close_stream()
        entries = []
        if self.site:  # the workers' pages came with their entries
            for spec in self.pages:
                found = self.indexed.get(spec.src_uri) or search.entry(spec, config.use_directory_urls)
                if found is not None:
                    entries.append(found)
        _sanitise_search_index(Path(config.site_dir), entries)
        self.built = True

    @event_priority(-100)  # last: it may end the program instead of MkDocs' traceback
    def on_build_error(self, *, error) -> None:
        self._close_stream()
        # Also called when MkDocs aborts a strict build for its warnings, after on_post_build.
        kept = ""
        publication = self._finish()
        if publication is not None:
            publication.abort()
            kept = f"Sito non pubblicato: {publication.final} resta com'era."
        if not isinstance(error, MkDocsException) and not self.serving:
            _explain_instead_of_traceback(error, kept)
        elif kept:
            log.error(kept)

    def on_shutdown(self) -> None:
        """MkDocs has given its verdict (strict warnings included): publish only a build that ended well."""
        self._close_stream()
        gc.unfreeze()  # a later build in this process (a script, a test) loads a plan of its own
        TrasparenzaPlugin._command = None  # a later build in this process (a script, a test) starts afresh
        publication = self._finish()
        if publication is None:
            return
        if not self.built:  # interrupted (Ctrl-C, SIGTERM) before the end
            publication.abort()
            log.error(f"Costruzione interrotta: sito non pubblicato, {publication.final} resta com'era.")
            return
        try:
            publication.commit()
        except PublicationError as exc:
            log.error(f"Sito non pubblicato: {exc}.")
            raise SystemExit(1) from None
        log.info(f"Sito pubblicato in {publication.final}")
        publication.discard_previous()

    def _finish(self) -> Publication | None:
        """End of the build, well or not: the real site_dir and the SIGTERM handler back; the publication."""
        publication, self.publication = self.publication, None
        if publication is not None:
            self.config_ref.site_dir = str(publication.final)
        if self._sigterm is not None:
            signal.signal(signal.SIGTERM, self._sigterm)
            self._sigterm = None
        return publication


class _Noted(logging.Handler):
    """In a worker: notes that a page logged a warning or an error."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.said = False

    def emit(self, record: logging.LogRecord) -> None:
        self.said = True


def _explain_instead_of_traceback(error: BaseException, kept: str) -> None:
    """MkDocs lets an unexpected exception (a full disk, another plugin's bug) end the program with a
    Python traceback; say in Italian what happened and end quietly instead (`--verbose` keeps it)."""
    if logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG):
        if kept:
            log.error(kept)
        return
    if isinstance(error, OSError):
        what = f"errore del disco o dei file: {os_reason(error, with_file=True)}"
    else:
        what = f"un componente della costruzione si è interrotto ({type(error).__name__}: {error})"
    log.error(" ".join(filter(None, [f"Costruzione fallita: {what}.", kept,
                                     "Per i dettagli tecnici: mkdocs build --verbose."])))
    raise SystemExit(1)


@contextlib.contextmanager
def _long_lived(build: bool):
    """The plan, once loaded, lives until the build ends. Python's cycle collector would go through it
    again and again while it is built and while the pages are made (seconds for a large plan): a build
    loads it with the collector paused, then leaves it out of later collections (gc.freeze). The preview,
    which loads a new plan at every rebuild, keeps the collector as it is."""
    if not build:
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # undone when the build ends (on_shutdown)
        if enabled:
            gc.enable()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _serving() -> bool:
    return TrasparenzaPlugin._command == "serve"


def _refused_files(files: Files, config, root: Path) -> list[Issue]:
    """The hand-written pages and the theme's own files (its templates too, which MkDocs does not list) that
    lead outside their folder or are not regular files (a pipe, a device): refused with their name, never
    opened."""
    docs = Path(config.docs_dir).absolute()
    theme = Path(config.theme.custom_dir).absolute() if config.theme.custom_dir else None
    paths = [Path(file.abs_src_path) for file in files if not file.generated_by and file.abs_src_path]
    if theme is not None and theme.is_dir():
        paths += [Path(folder) / name for folder, _, names in os.walk(theme) for name in names]
    issues = []
    for path in dict.fromkeys(paths):
        base = root if path.is_relative_to(docs) else theme if theme and path.is_relative_to(theme) else None
        reason = safety.refused_file(path, base) if base else None
        if reason:
            shown = os.path.relpath(path, root) if path.is_relative_to(root) else str(path)
            issues.append(Issue(shown, 1, 1, "", f"il file {reason}",
                                "sostituisci il collegamento con una copia del file, oppure toglilo", ERRORE))
    return issues


def _config_text(config) -> str:
    try:
        return Path(config.config_file_path).read_text(encoding="utf-8", errors="replace")
    except (OSError, TypeError):
        return ""


def _written_pages(config) -> list[str]:
    """Hand-written pages for the menu, the home page on top."""
    docs = Path(config.docs_dir)
    written = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md"))
    written.sort(key=lambda name: name != "index.md")
    return written


def _sanitise_search_index(site: Path, entries: list[dict]) -> None:
    """Add the entries of the pages indexed from the model (already clean: search.entry) to the theme's
    search index, if it has one, after re-sanitising the theme's own entries (search.clean)."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    docs = data.pop("docs", [])
    for doc in docs:
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = search.clean(doc[key])
    # Written an entry at a time: a large plan's index is never one more string in memory.
    compact = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    with index.open("w", encoding="utf-8") as out:
        out.write(compact(data)[:-1] + ("," if data else "") + '"docs":[')
        for number, doc in enumerate(itertools.chain(docs, entries)):
            out.write(("," if number else "") + compact(doc))
        out.write("]}")


def _date_meta(dates) -> dict[str, str]:
    """The page's dates for the theme (main.html): ISO for the metadata, Italian for the reader."""
    meta = {}
    for key in ("pubblicato_il", "aggiornato_il"):
        value = getattr(dates, key, None) if dates else None
        if value:
            meta[key] = value.isoformat()
            meta[key + "_testo"] = value.strftime("%d/%m/%Y")
    return meta


def _meta(page: PageSpec) -> dict:
    """What the theme reads of a generated page (MkDocs' page.meta)."""
    # MkDocs themes print title and description without escaping (in <title>, <meta>, the menu):
    # they arrive escaped.
    meta = {"title": html.escape(page.title, quote=True)}
    if page.description:
        meta["description"] = html.escape(page.description, quote=True)
    meta.update(_date_meta(page.dates))
    if page.plan is not None:  # for the printed page's heading
        meta["piano"] = html.escape(page.plan.piano.etichetta, quote=True)
    if search.from_model(page.template):  # indexed from the model (on_post_build), not from its HTML
        meta["search"] = {"exclude": True}
    # The kind of page (its template) marks the content, for the keyboard walk of check-a11y.
    meta["pagina"] = page.template.removesuffix(".html")
    meta["hide"] = ["toc"]
    return meta


def _for_workers(page: PageSpec) -> bool:
    """A generated page the theme's search plugin skips (search.py indexes it from the model): a worker
    can build it whole. The others are indexed by that plugin, in the build process."""
    return not page.written and search.from_model(page.template)


def _front_matter(page: PageSpec) -> str:
    """The generated file's text: its meta as front matter (JSON is valid YAML), read by other tools only:
    the build takes the meta and the content straight from the model (on_pre_page)."""
    return "---\n" + "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}"
                                 for key, value in _meta(page).items()) + "\n---\n"
