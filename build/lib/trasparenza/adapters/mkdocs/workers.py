"""A large build's pages rendered whole, ahead, by forked workers (`publishing.parallel`), as MkDocs would
render them (`mkdocs_1_6.render_page`); the build process only writes them."""

from __future__ import annotations

import logging

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.structure.files import InclusionLevel

from trasparenza.adapters.mkdocs import mkdocs_1_6
from trasparenza.publishing import parallel
from trasparenza.render import search
from trasparenza.site.page import PageSpec

# Plugins whose page events the workers can run in their own process: they only change the page being
# built, and mkdocs-material's search skips these pages (render/search.py indexes them). Their on_post_page,
# if they ever have one, runs in the worker and again here. With any other plugin the build renders every
# page itself.
SAFE_PLUGINS = {"trasparenza", "material/search"}
# The theme template of a page a worker rendered whole: it prints that HTML. A page the workers could not
# render gets the theme's own page template, in this process.
WHOLE_PAGE = "trasparenza/pagina-intera.html"
WHOLE_PAGE_SOURCE = '{% if tp_pagina_intera is defined %}{{ tp_pagina_intera }}{% else %}{% include "main.html" %}{% endif %}'
_MKDOCS_LOG = logging.getLogger("mkdocs")


def for_workers(page: PageSpec) -> bool:
    """A generated page the theme's search plugin skips (search.py indexes it from the model): a worker
    can build it whole. The others are indexed by that plugin, in the build process."""
    return not page.written and search.from_model(page.template)


def possible(config, pages: list[PageSpec]) -> bool:
    return set(config.plugins) <= SAFE_PLUGINS and parallel.possible(sum(1 for page in pages if for_workers(page)))


class PageWorkers:
    """The workers of one build: started when MkDocs' Jinja environment is ready, asked for each page."""

    in_worker = False  # set in a forked worker

    def __init__(self):
        self.stream: parallel.Stream | None = None
        self.indexed: dict[str, dict | None] = {}  # the search entries of the pages the workers rendered

    def start(self, env, config, files, nav, by_src: dict[str, PageSpec]) -> int:
        """Start the workers on the pages in the order MkDocs writes them (mkdocs.commands.build); how many
        workers run (0: none could start, the build renders every page itself)."""
        env.loader = ChoiceLoader([DictLoader({WHOLE_PAGE: WHOLE_PAGE_SOURCE}), env.loader])
        self.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.order = [(by_src[f.src_uri], f.page) for f in self.doc_files
                      if f.src_uri in by_src and for_workers(by_src[f.src_uri])]
        self.env, self.config, self.nav = env, config, nav
        self.stream = parallel.start(self._whole_page, len(self.order))
        return self.stream.workers if self.stream is not None else 0

    def _whole_page(self, index: int) -> tuple[str, tuple[str, dict | None] | None]:
        """In a worker: the page and its search entry; None if anything fails or is said (the build renders
        it again, and reports and counts what it says)."""
        spec, page = self.order[index]
        if not self.in_worker:  # the first page of this worker
            self.in_worker, self.noted = True, _Noted()
            _MKDOCS_LOG.handlers = [self.noted]
        self.noted.said = False
        try:
            output = mkdocs_1_6.render_page(page, nav=self.nav, doc_files=self.doc_files, config=self.config,
                                            env=self.env)
        except Exception:  # noqa: BLE001 - rendered again by the build, which reports it
            return spec.src_uri, None
        if self.noted.said:
            return spec.src_uri, None
        return spec.src_uri, (output, search.entry(spec, self.config.use_directory_urls))

    def take(self, spec: PageSpec) -> tuple[str, dict | None] | None:
        """The page a worker rendered (its HTML and search entry), or None: the build renders it."""
        if self.stream is None or not for_workers(spec):
            return None
        ready = self.stream.take(spec.src_uri)
        if ready is not None:
            self.indexed[spec.src_uri] = ready[1]
        return ready

    @property
    def broken(self) -> bool:
        return self.stream is not None and self.stream.broken

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None


class _Noted(logging.Handler):
    """In a worker: notes that a page logged a warning or an error."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.said = False

    def emit(self, record: logging.LogRecord) -> None:
        self.said = True
