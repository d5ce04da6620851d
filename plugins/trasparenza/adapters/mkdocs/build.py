"""One MkDocs build (or preview rebuild) of a project: what on_config sets up — the folders checked, the
publication begun, the project checked and its pages planned by the core (`project.check`), the renderer,
the menu — and what each page event asks of it."""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from trasparenza import project
from trasparenza.adapters.mkdocs import collector, generated, preview, theme_setup
from trasparenza.adapters.mkdocs.config import settings_of
from trasparenza.adapters.mkdocs.publication import BuildPublication
from trasparenza.adapters.mkdocs.workers import WHOLE_PAGE, PageWorkers, for_workers, possible
from trasparenza.analysis import history
from trasparenza.checks import identity
from trasparenza.loading import safety
from trasparenza.problems import DA_COMPLETARE, ERRORE, Issue, internal_error
from trasparenza.italian import quantity
from trasparenza.publishing import pdf
from trasparenza.publishing.transaction import a_built_site
from trasparenza.render import text
from trasparenza.render.renderer import Renderer, package_theme, templates_path
from trasparenza.site.page import PageSpec
from trasparenza.site.plan import nav_entries

log = get_plugin_logger("trasparenza.adapters.mkdocs.plugin")
PROGRESS_EVERY = 500  # pages between two progress messages of a large build


def report(issues: list[Issue], serving: bool) -> None:
    # The preview reports outside MkDocs' logger: a data mistake must not stop it, even in strict mode.
    target = preview.log() if serving else log
    for issue in issues:
        {ERRORE: target.error, DA_COMPLETARE: target.info}.get(issue.severity, target.warning)(issue.format())


class Build:
    site = None  # the model (None while the preview shows the data's errors)
    error_page: str | None = None  # the preview's page of errors, standing in for every page
    publication: BuildPublication | None = None
    use_workers = False  # whether this build's pages (those the search plugin skips) go to workers
    whole = None  # the page a worker has just rendered whole
    nav = None

    def __init__(self, options, config, root: Path, command: str | None, layout_reported: bool):
        self.root, self.command = root, command
        self.settings = settings_of(options, config, root)
        self.data_dir = (root / self.settings.data_dir).resolve()
        self.serving = command == "serve"
        self.options = {"mostra_nomi_personale": self.settings.mostra_nomi_personale}
        self.workers = PageWorkers()
        self.pages: list[PageSpec] = []
        self.by_src: dict[str, PageSpec] = {}
        self.files: dict = {}
        self.rendered = 0
        self.layout_reported = layout_reported

    def configure(self, config):
        settings, root = self.settings, self.root
        if self.data_dir.is_dir():
            config.watch.append(str(self.data_dir))
        layout = safety.check_layout(root, Path(config.site_dir), Path(config.docs_dir), root / settings.data_dir,
                                     Path(config.theme.custom_dir) if config.theme.custom_dir else None,
                                     root / settings.templates_dir if settings.templates_dir else None,
                                     settings.prefisso, Path(config.config_file_path or "mkdocs.yml").name,
                                     generated.config_text(config))
        if layout:  # before anything is written, or a staging folder made beside the site
            if not self.layout_reported:
                report(layout, self.serving)
            raise PluginError("Costruzione non avviata: le cartelle indicate in mkdocs.yml si sovrappongono o "
                              "escono dal progetto (vedi sopra). Nessun file è stato toccato.")
        if self.command in ("build", "gh-deploy") and not self.serving and settings.build_atomica:
            self.publication = BuildPublication(config)  # first: takes the turn, tidies what a killed build left
        elif self.command == "build" and Path(config.site_dir).is_dir() and not a_built_site(Path(config.site_dir)):
            raise PluginError(f"Costruzione non avviata: la cartella {config.site_dir} contiene file che non vengono "
                              "da una costruzione del sito, e MkDocs la svuoterebbe: indica in «site_dir» una "
                              "cartella nuova o quella del sito costruito.")
        templates = self._templates_dir(config)
        try:
            today = project.today()
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        try:
            with collector.long_lived(not self.serving):
                result = project.check(root, settings, today)
        except Exception as exc:  # a bug, not a data mistake: no traceback for the office, a notice to report
            message = internal_error(exc, "durante la lettura dei dati")
            if not self.serving:
                raise PluginError(message) from exc
            return self._show_errors(config, templates, [], message)
        report(result.issues, self.serving)
        if result.plan is None:
            if self.serving:
                return self._show_errors(config, templates, result.issues)
            raise PluginError(f"Dati non validi: {quantity(len(result.errors), 'errore elencato', 'errori elencati')} sopra. "
                              "Il sito pubblicato non è stato toccato.")
        self.site, self.pages, self.files, self.history = result.site, result.pages, result.files, result.history
        self.by_src = {page.src_uri: page for page in self.pages}
        if len(self.pages) >= PROGRESS_EVERY:
            log.info(f"Trasparenza: {len(self.pages)} pagine da generare dai dati.")
        self.renderer = Renderer(templates, result.links, config.use_directory_urls, self.options, watch=self.serving)
        config.extra["trasparenza"] = theme_setup.theme_extra(self.site, config.use_directory_urls)
        # The site's name and description come from the data (a repository copied from another ente keeps
        # nothing of it): data/ente.yaml and the plan in force.
        # MkDocs' templates print them unescaped: text from the data goes in escaped (Markup is not escaped twice
        # where a template does escape it).
        config.site_name = Markup.escape(identity.site_name(self.site, config.site_name))
        config.site_description = Markup.escape(config.site_description or identity.site_description(self.site))
        for setting in theme_setup.third_party_requests(config):
            log.warning(f"{setting}: le pagine contatterebbero un server di terzi, mentre la pagina «Privacy e cookie» "
                        "dice che non succede. Togli l'impostazione da mkdocs.yml.")
        if self.serving:
            preview.remember(self.pages)
            if result.warnings:
                config.extra["trasparenza"]["anteprima_avvisi"] = self.renderer.render_template(
                    "_avvisi_anteprima.html", avvisi=result.warnings)
        if config.nav is None:
            home = [] if any(page.written for page in self.pages) else ["index.md"]
            config.nav = [*home, *generated.written_pages(config), *nav_entries(self.site, self.pages)]
        return config

    def _templates_dir(self, config):
        """The package's theme sits between the site's own custom_dir (if any) and mkdocs-material: a comune's
        site needs no copy of theme/, and may still override one file of it."""
        package = package_theme()
        custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
        if custom != package.resolve() and str(package) not in config.theme.dirs:
            config.theme.dirs.insert(1 if custom else 0, str(package))
        if self.settings.templates_dir:
            return (self.root / self.settings.templates_dir).resolve()
        return templates_path(custom)

    def _show_errors(self, config, templates: Path, issues: list[Issue], internal: str | None = None):
        """Every page of the preview becomes the list of what to correct (preview.error_pages)."""
        renderer = Renderer(templates, {}, config.use_directory_urls, self.options)
        self.error_page, self.pages = preview.error_pages(config, renderer, issues, internal)
        self.by_src = {page.src_uri: page for page in self.pages}
        if config.nav is None:
            config.nav = generated.written_pages(config)
        return config

    # --- the page events ---

    def add_files(self, files, config) -> None:
        generated.add_files(files, config, self.pages, self.files, self.site, self.data_dir)
        self.use_workers = (self.site is not None and self.error_page is None and not self.serving
                            and possible(config, self.pages))

    def generated(self, page) -> PageSpec | None:
        """The generated page MkDocs is building (None: a hand-written page, or the preview's errors)."""
        spec = None if self.error_page is not None else self.by_src.get(page.file.src_uri)
        return None if spec is None or spec.written else spec

    def pre_page(self, page):
        spec = self.generated(page)
        if spec is not None:
            meta = generated.meta(spec)
            if self.use_workers and for_workers(spec):
                meta["template"] = WHOLE_PAGE
            generated.from_model(page, meta)
        return page

    def date_written_page(self, page) -> None:
        """A hand-written page: its dates from the history of its file (generated ones carry theirs); the
        hand-written home page, completed by the data, the dates of the plan in force."""
        if self.error_page is not None or "pubblicato_il" in page.meta:
            return
        spec = self.by_src.get(page.file.src_uri)
        if spec is None:
            name = Path(os.path.relpath(page.file.abs_src_path, self.root)).as_posix() if page.file.abs_src_path else ""
            page.meta.update(generated.date_meta(history.from_git({name}, self.history)))
        elif spec.written:
            page.meta.update(generated.date_meta(spec.dates))

    def page_content(self, page, html: str) -> str:
        if self.error_page is not None:
            page.title = page.meta["title"] = preview.ERROR_TITLE
            page.toc = []  # the hand-written page's headings are not on it any more (nor the theme's skip link)
            return self.error_page
        spec = self.by_src.get(page.file.src_uri)
        if spec is None:
            return html
        if not spec.written:
            return ""  # rendered when its turn comes to be written (on_page_context): no page waits in memory
        # The hand-written home page is the introduction of the generated one (MkDocs' HTML of a page of content/).
        return self.render(spec, introduzione=Markup(html))

    def start_workers(self, env, config, files) -> None:
        if not self.use_workers:
            return
        count = self.workers.start(env, config, files, self.nav, self.by_src)
        if count:
            text.forget()  # the workers have the converted prose: this process makes few pages itself
            log.info(f"Trasparenza: {len(self.workers.order)} pagine costruite da {count} processi in parallelo.")

    def page_context(self, page, context: dict) -> dict:
        spec = self.generated(page)
        if spec is None:
            return context
        if self.workers.in_worker:  # a worker's page (workers.py): errors go back to the build
            page.content = self.renderer.render(spec)
            return context
        self.rendered += 1
        if self.rendered % PROGRESS_EVERY == 0:  # a large plan: say how far the build has got
            log.info(f"Trasparenza: {self.rendered} di {len(self.pages)} pagine generate…")
        ready = self.workers.take(spec)
        if self.workers.broken:
            log.info("Trasparenza: un processo parallelo si è interrotto (memoria esaurita?); le pagine che restano "
                     "sono costruite da questo processo.")
            self.workers.close()
        if ready is not None:  # a worker's page, printed as it is by WHOLE_PAGE
            context["tp_pagina_intera"] = Markup(ready[0])
            self.whole = page
        else:
            page.content = self.render(spec)
        return context

    def post_page(self, page, output: str) -> str:
        if self.error_page is None and page.file.src_uri in self.by_src:
            page.content = ""  # written: the HTML need not stay in memory until the end of the build
        if page is self.whole:  # a worker's page: already complete
            self.whole = None
            return output
        return theme_setup.fix_theme_markup(output)

    def print_pdfs(self, config) -> None:
        """Each plan as one tagged PDF (publishing/pdf.py), in the site before it is published; a preview
        links none (its pages live in a temporary folder)."""
        if self.site is None or self.error_page is not None:
            return
        wanted = pdf.requests(self.pages, Path(config.site_dir), config.use_directory_urls)
        if not self.settings.pdf or self.serving:
            pdf.publish(wanted, Path(config.site_dir), None, printing=False)  # no PDF: the links go
            return
        made, problems = pdf.publish(wanted, Path(config.site_dir), config.site_url or None)
        for problem in problems:
            log.warning(f"{problem}.")
        if made:
            log.info(f"Trasparenza: {quantity(len(made), 'PDF accessibile', 'PDF accessibili')} del piano "
                     f"({quantity(sum(p.pagine for p in made), 'pagina', 'pagine')}).")

    def render(self, spec: PageSpec, **extra) -> str:
        try:
            return self.renderer.render(spec, **extra)
        except Exception as exc:  # a bug: say so in Italian, no traceback
            message = internal_error(exc, f"nella pagina {spec.src_uri}")
            if not self.serving:
                raise PluginError(message) from exc
            preview.log().error(message)
            return self.renderer.render_template("errori.html", errori=[], avvisi=[], interno=message)
