"""The MkDocs plugin: MkDocs' events translated into calls on the core.

What the build does lives elsewhere: the project checked and its pages planned in `project` (core), set up
for MkDocs in `build`; the preview in `preview`; the pages a worker renders whole in `workers`; the search
index in `search_index`; publication in `publication`; MkDocs' internals in `mkdocs_1_6`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from trasparenza.adapters.mkdocs import collector, generated, preview, search_index, theme_setup
from trasparenza.adapters.mkdocs.build import Build, report
from trasparenza.adapters.mkdocs.config import TrasparenzaConfig, root_of
from trasparenza.adapters.mkdocs.publication import explain_failure
from trasparenza.loading import safety
from trasparenza.loading.settings import read_settings
from trasparenza.render.renderer import bytecode_cache

log = get_plugin_logger(__name__)


class TrasparenzaPlugin(BasePlugin[TrasparenzaConfig]):
    # `mkdocs serve` re-creates plugins on every rebuild but calls on_startup only once: kept on the class.
    _command: str | None = None
    build: Build | None = None  # set by on_config (None also when another plugin failed before it ran)
    layout_reported = False

    def load_config(self, options, config_file_path=None):
        """MkDocs refuses some overlaps of its folders in English, after loading the plugins: the Italian
        message, which names the line of mkdocs.yml, comes first (on_config does not repeat it)."""
        errors, warnings = super().load_config(options, config_file_path)
        if config_file_path and not errors and Path(config_file_path).is_file():
            layout = safety.layout_of(Path(config_file_path), read_settings(Path(config_file_path))[0])
            for issue in layout:
                log.error(issue.format())
            self.layout_reported = bool(layout)
        return errors, warnings

    def on_startup(self, *, command, dirty) -> None:
        # `mkdocs serve --clean` tells plugins it is a build: it is a preview all the same.
        serving = command == "serve" or (command == "build" and "mkdocs.commands.serve" in sys.modules)
        TrasparenzaPlugin._command = "serve" if serving else command

    @event_priority(100)  # first: other plugins that note site_dir in on_config see the staging folder
    def on_config(self, config):
        theme_setup.adapt_theme(config.theme)
        self.build = Build(self.config, config, root_of(config), self._command, self.layout_reported)
        return self.build.configure(config)

    def on_serve(self, server, *, config, builder):
        preview.follow(server, self.build.data_dir, config.docs_dir)
        return server

    def on_files(self, files, *, config):
        refused = generated.refused_files(files, config, self.build.root)
        if refused:  # before MkDocs reads a page or copies a file: a pipe would hang it, a link would publish
            report(refused, self.build.serving)
            raise PluginError("Sito non pubblicato: alcuni file del progetto non si possono leggere o pubblicare "
                              "(vedi sopra).")
        self.build.add_files(files, config)
        return files

    def on_nav(self, nav, *, config, files):
        self.build.nav = nav  # for the workers' page context
        return nav

    def on_pre_page(self, page, *, config, files):
        return self.build.pre_page(page)

    def on_page_markdown(self, markdown, *, page, config, files):
        self.build.date_written_page(page)
        return markdown

    def on_page_read_source(self, *, page, config):
        # While the preview shows the errors, no page is read: one that is not UTF-8 would stop MkDocs.
        return "" if self.build.error_page is not None else None

    def on_page_content(self, html, *, page, config, files):
        return self.build.page_content(page, html)

    def on_env(self, env, *, config, files):
        env.bytecode_cache = env.bytecode_cache or bytecode_cache()  # the theme's templates, compiled once
        theme_setup.install(env, config.theme["language"])
        self.build.start_workers(env, config, files)
        return env

    @event_priority(50)  # before the search plugin, which strips the data-search-* marks from the content
    def on_page_context(self, context, *, page, config, nav):
        return self.build.page_context(page, context)

    def on_post_page(self, output: str, *, page, config) -> str:
        return self.build.post_page(page, output)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        return theme_setup.fix_theme_markup(output_content)  # 404.html and other static templates

    @event_priority(-100)  # after every other plugin has written its files (search index…)
    def on_post_build(self, *, config) -> None:
        build = self.build
        build.workers.close()
        search_index.complete(Path(config.site_dir), build.pages if build.site else [], build.workers.indexed,
                              config.use_directory_urls)
        build.print_pdfs(config)
        if build.publication is not None:
            build.publication.built = True

    @event_priority(-100)  # last: it may end the program instead of MkDocs' traceback
    def on_build_error(self, *, error) -> None:
        # Also called when MkDocs aborts a strict build for its warnings, after on_post_build.
        build = self.build
        if build is None:
            return explain_failure(error, "", self._command == "serve")
        build.workers.close()
        publication, build.publication = build.publication, None
        if publication is not None:
            publication.failed(error, build.serving)
        else:
            explain_failure(error, "", build.serving)

    def on_shutdown(self) -> None:
        collector.release()
        TrasparenzaPlugin._command = None  # a later build in this process (a script, a test) starts afresh
        build = self.build
        if build is not None:
            build.workers.close()
            publication, build.publication = build.publication, None
            if publication is not None:
                publication.finish()
