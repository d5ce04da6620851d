"""What the plugin sets in mkdocs-material's theme: the ente in the header and footer, the palette and
fonts (never from a third-party host), the markup fixes of base.html, and the settings that would
make pages contact other servers. MkDocs-side, like plugin.py."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger

from trasparenza.model.accessibilita import AGID_FORM
from trasparenza.site.plan import SITE_PAGES
from trasparenza.render.renderer import url_of

log = get_plugin_logger(__name__)


def stemma_uri(name: str) -> str:
    return "assets/stemma" + Path(name).suffix.lower()


def theme_extra(site, use_directory_urls: bool) -> dict:
    """What the theme's header and footer show of the ente (partials/header.html, partials/copyright.html)."""
    statement = site.dichiarazione.url if site.dichiarazione else None
    at = site.trasparenza
    return {
        "ente_nome": site.ente.denominazione,
        "ente_sito": site.ente.sito,
        "stemma": stemma_uri(site.ente.stemma) if site.ente.stemma else None,
        "ente_fittizio": site.ente.nome if site.ente.fittizio else None,
        # AgID's validator accepts only a statement published on form.agid.gov.it.
        "dichiarazione_url": statement,
        "dichiarazione_agid": bool(statement and AGID_FORM in statement),
        "informativa_privacy": at.informativa_privacy if at else None,
        "pagine": footer_pages(use_directory_urls),
    }


def footer_pages(use_directory_urls: bool) -> dict:
    """The site's own pages the footer links (their URLs follow use_directory_urls)."""
    return {("accessibilita" if kind == "dichiarazione" else kind): url_of(src, use_directory_urls)
            for kind, src in SITE_PAGES.items()}


def third_party_requests(config) -> list[str]:
    """Settings of mkdocs.yml that make every page contact another host (the privacy page says none does)."""
    found = []
    if config.repo_url:
        found.append("repo_url (mkdocs-material chiede al servizio del repository il numero di stelle e di fork)")
    if (config.extra or {}).get("analytics"):
        found.append("extra.analytics (statistiche di terzi)")
    for name in ("extra_css", "extra_javascript"):
        for item in config[name] or []:
            path = str(getattr(item, "path", item))
            if path.startswith(("http://", "https://", "//")):
                found.append(f"{name}: {path}")
    return found


_MATERIAL_DEFAULT_FONT = {"text": "Roboto", "code": "Roboto Mono"}  # what mkdocs-material sets when font is omitted


def adapt_theme(theme) -> None:
    """The theme offers the light and the dark scheme (partials/header.html, assets/trasparenza.js);
    mkdocs-material loads the dark scheme's colours only when `palette` is a single mapping."""
    palette = theme["palette"] if "palette" in theme else None
    if isinstance(palette, list):  # mkdocs-material's own toggle: its first entry gives the colours
        palette = palette[0] if palette else None
    palette = dict(palette or {})
    palette.pop("toggle", None)
    palette.pop("media", None)
    palette["scheme"] = "default"
    # Designers Italia's blue (assets/trasparenza.css) unless the site names colours of its own.
    palette.setdefault("primary", "custom")
    palette.setdefault("accent", "custom")
    theme["palette"] = palette
    # mkdocs-material's `font` setting loads Google Fonts from Google's servers: a third-party request.
    # The theme serves Titillium Web and Roboto Mono itself.
    font = theme["font"] if "font" in theme else None
    if font and font != _MATERIAL_DEFAULT_FONT:
        log.warning("theme.font è ignorato: i caratteri (Titillium Web e Roboto Mono) sono serviti dal sito "
                    "stesso, mai da server di terzi come Google Fonts.")
    theme["font"] = False


# mkdocs-material's base.html writes these outside any template block (theme/ overrides the rest).
_THEME_FIXES = (
    # `autocomplete` is invalid on checkboxes (Nu HTML Checker). The two checkboxes hold the state of
    # the menu and of the search for the theme's CSS and script; they are never shown, the buttons
    # in partials/header.html drive them. The search one is named by a hidden label (header.html).
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer" aria-label="Menu aperto">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
    # The dimmed page behind the open menu: a click closes it (assets/trasparenza.js), not a label.
    ('<label class="md-overlay" for="__drawer"></label>', '<div class="md-overlay"></div>'),
)
# The theme's skip link exists only on pages with a table of contents: header.html has one for every page.
_MATERIAL_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.DOTALL)
# Left out where empty: the announcement bar, and the table of contents' sidebar of a page that hides it
# (the theme writes it with `hidden`, an empty navigation inside).
_EMPTY_PARTS = re.compile(r'<div data-md-component="announce">\s*</div>\s*'
                          # mkdocs-material's notices (code copied to the clipboard…): none on these pages
                          r'|<div class="md-dialog" data-md-component="dialog">\s*<div class="md-dialog__inner md-typeset"></div>\s*</div>\s*'
                          r'|<div class="md-sidebar md-sidebar--secondary"[^>]*\bhidden>\s*<div class="md-sidebar__scrollwrap">\s*'
                          r'<div class="md-sidebar__inner">\s*<nav class="md-nav md-nav--secondary"[^>]*>\s*</nav>\s*</div>\s*</div>\s*</div>\s*')


def install(env, language: str) -> None:
    """What the theme's templates look up at every page, read once per build: its icons, as decoration
    hidden from assistive technology (the control around one has the name), and mkdocs-material's words
    in the site's language (partials/language.html)."""
    icons: dict[str, str] = {}
    words: dict[str, str] = {}
    tables = [env.get_template(f"partials/languages/{name}.html").module for name in (language, "en")]

    def icon(name: str) -> str:
        if name not in icons:
            source = env.loader.get_source(env, f".icons/{name}.svg")[0]
            icons[name] = Markup(source.strip().replace("<svg ", '<svg aria-hidden="true" ', 1))
        return icons[name]

    def word(key: str) -> str:
        if key not in words:
            words[key] = next((found for found in (str(table.t(key)) for table in tables) if found), key)
        return words[key]

    env.globals.update(tp_icona=icon, tp_traduci=word)


# mkdocs-material's <main> holds the side navigation and the table of contents too: a screen reader
# jumping to the main content would land on the menu. The page's content is the <main> instead (main.html,
# block container); the theme's outer element stays, as a <div> (its styles and scripts use the class).
_THEME_MAIN = '<main class="md-main" data-md-component="main">'


def fix_theme_markup(html: str) -> str:
    for old, new in _THEME_FIXES:
        html = html.replace(old, new, 1)
    if _THEME_MAIN in html:
        head, _, tail = html.replace(_THEME_MAIN, '<div class="md-main" data-md-component="main">', 1).rpartition("</main>")
        html = head + "</div>" + tail
    html = _MATERIAL_SKIP.sub('<div data-md-component="skip"></div>', html, count=1)
    return _compact(_EMPTY_PARTS.sub("", html, count=3))


# The theme's templates indent generously: a third of a page's bytes are blank. A run of white space
# that holds a line break renders as one space in HTML, except where white space is kept (pre, textarea);
# scripts and styles are left alone.
_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)  # left exactly as written
_INDENT = re.compile(r"\n\s+")


_SPACES = re.compile(r">[ \t]{2,}<")  # between two tags: one space renders the same
# Inline SVG in an HTML page is in the SVG namespace without saying so (the HTML parser puts it there).
_SVG_NAMESPACE = re.compile(r'(<svg\b[^>]*?) xmlns="http://www\.w3\.org/2000/svg"')
# The theme's script for content tabs (pymdownx.tabbed), on every page even where there are none.
_TABS_SCRIPT = ('<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
                '(target.checked=target.name.startsWith("__tabbed_"))</script>')


def _compact(html: str) -> str:
    if 'name="__tabbed_' not in html:
        html = html.replace(_TABS_SCRIPT, "", 1)
    parts = _KEPT.split(html)
    # split() with two groups yields: text, whole kept element, its tag name, text, …
    return "".join(_SVG_NAMESPACE.sub(r"\1", _SPACES.sub("> <", _INDENT.sub("\n", part)))
                   if i % 3 == 0 else part for i, part in enumerate(parts) if i % 3 != 2)
