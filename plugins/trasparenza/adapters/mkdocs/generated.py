"""The generated pages and files as MkDocs files: what the theme reads of each page (its meta), the files
added to MkDocs' list, and the project's own files refused before MkDocs reads them."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from trasparenza.adapters.mkdocs import theme_setup
from trasparenza.loading import images, safety
from trasparenza.problems import ERRORE, Issue
from trasparenza.render import search
from trasparenza.site.page import PageSpec


def add_files(files: Files, config, pages: list[PageSpec], published: dict[str, str | bytes], site, data_dir: Path,
              ) -> None:
    """The generated pages (their meta as front matter), the open data and the coat of arms."""
    for page in pages:
        if page.written:  # the hand-written home page: the data completes it (on_page_content)
            continue
        inclusion = InclusionLevel.INCLUDED if page.in_nav and site else InclusionLevel.NOT_IN_NAV
        replaced = files.get_file_from_path(page.src_uri)  # the preview's error page stands in for any page
        if replaced is not None:
            files.remove(replaced)
        files.append(File.generated(config, page.src_uri, content=front_matter(page), inclusion=inclusion))
    for path, content in published.items():  # open data, the catalogue, the schemas (exports/published.py)
        files.append(File.generated(config, path, content=content))
    # Search engines find every page from the sitemap; a robots.txt of the project's own (content/) is kept.
    if config.site_url and files.get_file_from_path("robots.txt") is None:
        sitemap = config.site_url.rstrip("/") + "/sitemap.xml"
        files.append(File.generated(config, "robots.txt", content=f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"))
    if site and site.ente.stemma:  # checked at load: a file inside the data folder; an SVG cleaned
        source = data_dir / site.ente.stemma
        with open(source, "rb") as stream:
            content = images.checked(stream.read(images.MAX_SVG_BYTES + 1), source.suffix)
        files.append(File.generated(config, theme_setup.stemma_uri(site.ente.stemma), content=content))
        if isinstance(config.extra.get("trasparenza"), dict):  # partials/logo.html: the room the image takes
            config.extra["trasparenza"]["stemma_misure"] = images.dimensions(content, source.suffix)


def from_model(page, meta: dict) -> None:
    """A generated page is made from the model: no front matter to parse, no Markdown to convert (MkDocs
    would build a Markdown parser per page). Its meta now; its HTML when it is written."""
    def read_source(config):
        page.markdown, page.meta = "", meta

    def render(config, files):
        page.content, page.toc = "", get_toc([])

    page.read_source, page.render = read_source, render


def date_meta(dates) -> dict[str, str]:
    """The page's dates for the theme (main.html): ISO for the metadata, Italian for the reader."""
    meta = {}
    for key in ("pubblicato_il", "aggiornato_il"):
        value = getattr(dates, key, None) if dates else None
        if value:
            meta[key] = value.isoformat()
            meta[key + "_testo"] = value.strftime("%d/%m/%Y")
    return meta


def meta(page: PageSpec) -> dict:
    """What the theme reads of a generated page (MkDocs' page.meta)."""
    # MkDocs themes print title and description without escaping (in <title>, <meta>, the menu):
    # they arrive escaped.
    found = {"title": html.escape(page.title, quote=True)}
    if page.description:
        found["description"] = html.escape(page.description, quote=True)
    found.update(date_meta(page.dates))
    if page.plan is not None:  # for the printed page's heading
        found["piano"] = html.escape(page.plan.piano.etichetta, quote=True)
    if search.from_model(page.template):  # indexed from the model (on_post_build), not from its HTML
        found["search"] = {"exclude": True}
    # The kind of page (its template) marks the content, for the keyboard walk of check-a11y.
    found["pagina"] = page.template.removesuffix(".html")
    found["hide"] = ["toc"]
    return found


def front_matter(page: PageSpec) -> str:
    """The generated file's text: its meta as front matter (JSON is valid YAML), read by other tools only:
    the build takes the meta and the content straight from the model (from_model)."""
    return "---\n" + "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}"
                                 for key, value in meta(page).items()) + "\n---\n"


def refused_files(files: Files, config, root: Path) -> list[Issue]:
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


def config_text(config) -> str:
    try:
        return Path(config.config_file_path).read_text(encoding="utf-8", errors="replace")
    except (OSError, TypeError):
        return ""


def written_pages(config) -> list[str]:
    """Hand-written pages for the menu, the home page on top."""
    docs = Path(config.docs_dir)
    written = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md"))
    written.sort(key=lambda name: name != "index.md")
    return written
