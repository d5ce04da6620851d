"""The search index of the generated pages, built from the model instead of re-parsing their HTML.

A page made from the data is indexed by what citizens look for on it (title, code, unit, managers,
purpose, indicators, phases), in a bounded amount of text: the index grows with the number of pages,
never with the size of each. Lists that repeat the items (the objectives' index, the Relazione, the
print page) are indexed by their title and description only: each item has its own entry.
The engine merges these entries into its own index (for MkDocs: plugin.py); pages written by hand and
pages of prose keep the engine's own indexing.
"""

from __future__ import annotations

import html
import re

import nh3

from trasparenza.site.page import PageSpec
from trasparenza.render.renderer import url_of
from trasparenza.render.text import is_prose
from trasparenza.site import kinds

MAX_TEXT = 700  # characters of text per entry, cut at a word


def from_model(template: str) -> bool:
    """Whether the page's entry comes from here (the engine must not index its HTML as well): its kind
    (site/kinds/) says what it gives to search."""
    kind = kinds.of(template)
    return kind is not None and kind.search != "engine"


def entry(page: PageSpec, use_directory_urls: bool = True) -> dict | None:
    """The page's entry, or None for a page not indexed from the model. Its title and text are safe to
    show as HTML (the theme does), as every entry of the index must be (clean)."""
    kind = page.kind
    if page.written or kind is None or kind.search in ("engine", "none"):
        return None  # "none": the print pages repeat the other pages, left out of the index altogether
    text = kind.search_text(page.context) if kind.search == "item" else [page.description]
    if page.plan is not None and page.context.get("appartenenza", {}).get("piu_piani"):
        text.append(page.plan.piano.etichetta)
    return {"location": url_of(page.src_uri, use_directory_urls),
            "title": clean(html.escape(page.title, quote=False)), "text": clean(_bounded(text))}


def clean(value: str) -> str:
    """An index text that mkdocs-material shows as HTML: entities are decoded in the index, so text typed
    as «&lt;script&gt;» would come back to life there. Only the theme's own highlighting tags stay."""
    return nh3.clean(value, tags={"code", "strong", "em", "b", "i", "mark"}, attributes={})


# What a search needs of Markdown prose is its words: links keep their text, marks and tags go. (The pages
# and the open data convert it properly; for the index this is as good and many times faster.)
# Linear: a bracket's text stops at the next bracket, so «[[[[…» without «]» is not scanned once per «[».
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_TAG = re.compile(r"<[^<>]*>")  # [^<>]: a «<» without «>» is not scanned to the end once per «<»
_BLOCK_MARKS = re.compile(r"(?m)^[ \t]*(?:#{1,6}|[-+*>]|\d+[.)])[ \t]+|\|")
_INLINE_MARKS = re.compile(r"[*`~\\]+|(?<!\w)_+|(?<!_)_+(?!\w)")
_SPACE = re.compile(r"\s+")


def words(text: str) -> str:
    """Prose as the plain words a search matches; a value (a code, a target) as written."""
    if not is_prose(text):
        return _SPACE.sub(" ", str(text)).strip()
    text = _TAG.sub(" ", _LINK.sub(r"\1", text))
    text = _INLINE_MARKS.sub("", _BLOCK_MARKS.sub(" ", text))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def _bounded(parts: list) -> str:
    """The parts of an entry's text (a list among them: items joined by «;»), cut at MAX_TEXT."""
    parts = ["; ".join(words(item) for item in part) if isinstance(part, list) else part for part in parts]
    text = " ".join(p for p in (words(part) if part else "" for part in parts) if p)
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)  # the entry is HTML: its text is shown as written
