"""Render a PageSpec to an HTML fragment with the Jinja2 templates in theme/trasparenza/.

Templates only present: values arrive already sanitised through the filters below,
links arrive as relative URLs. Data strings are values, never template source, so
``{{ 7*7 }}`` typed in a description stays text.
"""

from __future__ import annotations

import functools
import posixpath
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

from trasparenza.exports import dcat, formats
from trasparenza.analysis import results
from trasparenza.render import charts, tables, text
from trasparenza.italian import quantity, size
from trasparenza.model import ENTE_NON_INDICATO
from trasparenza.site.page import PageSpec
from trasparenza.analysis.targets import percentuale


def url_of(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL path MkDocs gives a source file (kept here so the core needs no MkDocs); a file that is
    not a page (a dataset, a schema) keeps its path."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if use_directory_urls else folder + "index.html"
    return stem + "/" if use_directory_urls else stem + ".html"


def relative(from_src: str, to_src: str, use_directory_urls: bool = True) -> str:
    target, _, anchor = to_src.partition("#")
    here = url_of(from_src, use_directory_urls)
    there = url_of(target, use_directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath("/" + there, "/" + base) if there != base else "."
    if there.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if rel == "./" and anchor:
        rel = ""
    return rel + (f"#{anchor}" if anchor else "")


def _date(value) -> str:
    """A date as the data writes it («30.09.2016»); a date the build computes as 30/09/2016."""
    if isinstance(value, date):
        return getattr(value, "scritta", "") or value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


_BYTECODE: FileSystemBytecodeCache | None = None


ROW_HEADER_LIMIT = 150  # characters: a screen reader repeats a row header with every cell of its row


def short_row_headers(items, *attributes: str) -> bool:
    """Whether a table's first column can be its row headers: only when every one is short. A longer
    name (real plans have 250-character titles) stays the row's first cell, a plain cell. With
    ``attributes``, each header is those attributes of an item joined as shown («AA.1: title»)."""
    def shown(item) -> str:
        if not attributes:
            return text.plain(item)
        return ": ".join(text.plain(value) for a in attributes if (value := getattr(item, a, None)))
    return all(len(shown(item)) <= ROW_HEADER_LIMIT for item in items)


def bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates, kept between builds (Jinja's per-user cache folder in the system's temporary
    directory, private to the user): compiling the templates costs more than rendering a small site.
    An entry is used only if the template's source is unchanged, so an edited template is compiled again."""
    global _BYTECODE
    if _BYTECODE is None:
        try:
            _BYTECODE = FileSystemBytecodeCache()
        except (OSError, RuntimeError):  # no private temporary folder: compile every time
            return None
    return _BYTECODE


def package_theme() -> Path:
    """The theme installed with the package (the repository's theme/, installed as trasparenza.theme)."""
    import trasparenza.theme

    return Path(trasparenza.theme.__file__).parent


def templates_path(custom_dir: Path | None) -> tuple[Path, ...]:
    """Where the page templates are looked up: a site's own theme/trasparenza/ first, if it has one, then the
    package's, so that a site can override one template without a copy of the others."""
    package = package_theme() / "trasparenza"
    own = custom_dir / "trasparenza" if custom_dir else None
    return (own, package) if own and own.is_dir() and own.resolve() != package.resolve() else (package,)


@functools.lru_cache(maxsize=8)
def _environment(templates_dir: Path | tuple[Path, ...], watch: bool = True) -> Environment:
    """One Jinja environment per templates folder for the whole process: the preview's rebuilds reuse its
    compiled templates. With `watch` (the preview) it checks their files before each use, so an edited
    template is compiled again; a build reads each template once."""
    env = Environment(
        loader=FileSystemLoader([str(p) for p in (templates_dir if isinstance(templates_dir, tuple) else (templates_dir,))]),
        auto_reload=watch,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache(),
    )
    env.filters.update(md=text.block, inline=text.inline, plain=text.plain, data=_date,
                       percentuale=percentuale, quanti=quantity, dimensione=size)
    env.globals.update(ENTE_NON_INDICATO=ENTE_NON_INDICATO, METODO=results.METODO, SIMBOLI=results.SIMBOLI,
                       LICENZE=dcat.LICENCES, FORMATI=formats.BY_KEY,
                       grafico_serie=charts.series_chart, grafico_risultati=charts.results_chart,
                       grafico_avanzamento=charts.report_progress,
                       grafico_livelli=charts.risk_levels, grafico_misure=charts.measures_by_status, gantt=charts.plan_gantt,
                       intestazioni_brevi=short_row_headers)
    return env


class Renderer:
    def __init__(self, templates_dir: Path | tuple[Path, ...], links: dict, use_directory_urls: bool = True,
                 options: dict | None = None, watch: bool = True):
        self.links = links
        self.use_directory_urls = use_directory_urls
        self.options = options or {}
        self.env = _environment(templates_dir, watch)

    def link(self, page: PageSpec, kind: str, key: str = "") -> str:
        links = self.links if page.links is None else page.links
        return relative(page.src_uri, links[(kind, key)], self.use_directory_urls)

    def render_template(self, name: str, **context) -> str:
        """A template that is not a plan page (the preview's error page)."""
        return self.env.get_template(name).render(**context)

    def render(self, page: PageSpec, **extra) -> str:
        template = self.env.get_template(page.template)
        crumbs = [(title, relative(page.src_uri, src, self.use_directory_urls)) for title, src in page.crumbs]
        links = self.links if page.links is None else page.links
        context = dict(
            page=page,
            crumbs=crumbs,
            link=lambda kind, key="": self.link(page, kind, key),
            has_link=lambda kind, key="": (kind, key) in links,
            url=lambda src: relative(page.src_uri, src, self.use_directory_urls),
            opzioni=self.options,
            **page.context,
            introduzione=None,  # the hand-written text of a page the data completes (the home page)
        )
        context.update(extra)
        html = template.render(**context)
        if page.context.get("dati_pagina"):  # every plan page ends with the open data it shows
            html += self.env.get_template("_dati_pagina.html").render(**context)
        return tables.reflowing(html)
