"""Text from data/ to safe HTML.

The model says which fields are prose (``Prosa``: Markdown blocks; ``ProsaInLinea``: Markdown's inline
marks only). Prose goes through Markdown, then an allow-list sanitiser (nh3): escaping alone is not enough,
since Python-Markdown turns ``[x](javascript:…)`` into a live link. Every other text is a value (a target,
a result, a code, a period…) and is shown exactly as written, escaped, never converted: Markdown would read
``> 50%`` as a quote and ``- 10%`` as a list.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

from trasparenza.publishing import parallel
from trasparenza.render import tables
from trasparenza.model.types import Prosa, ProsaInLinea

BLOCK_TAGS = {
    "p", "br", "i", "em", "b", "strong", "u", "s", "sup", "sub", "code", "a",
    "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "span",
}
INLINE_TAGS = {"i", "em", "b", "strong", "u", "s", "sup", "sub", "code", "a", "br", "span"}
# `lang` marks a passage in another language (WCAG 3.1.2), e.g. <span lang="en">smart working</span>.
ATTRIBUTES = {"a": {"href", "title", "lang"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"},
              "ol": {"start"}, "span": {"lang"}, "p": {"lang"}}
SCHEMES = {"http", "https", "mailto"}

_HEADING = re.compile(r"<(/?)h([2-6])>")
# A Markdown table, optionally preceded by a paragraph «Tabella: …» that becomes its caption.
# The caption never runs past its own paragraph («(?!</p>).»): a text of many «Tabella: …» paragraphs and no
# table is read once, not once per paragraph (linear time; tests/test_sicurezza.py).
_TABLE = re.compile(r"(?:<p>Tabella:\s*(?P<caption>(?:(?!</p>).)*?)</p>\s*)?<table>(?P<body>(?:(?!</table>).)*)</table>",
                    re.S)
_HEADER_CELLS = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_TAGS = re.compile(r"<[^<>]+>")
# Text with none of these marks means to Markdown only paragraphs and line breaks (see _simple_paragraphs, _plain).
_MARKUP = re.compile(r"[\\`*_\[\]<>&#|!=~]|^[ \t]*(?:[-+>]|\d+[.)])", re.M)
_SPACES = re.compile(r"\s+")
# Tabs, carriage returns and control characters, which Markdown and the sanitiser treat in their own ways.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def _marked(text: str) -> bool:
    """Whether a text needs the Markdown parser: it has Markdown or HTML marks, or control characters."""
    return bool(_MARKUP.search(text) or _CONTROL.search(text))


# One converter for the whole build: building Python-Markdown's parser costs more than converting a
# short text. reset() between texts forgets the previous one (a build renders one page at a time).
_CONVERTER = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
# A line of prose: Markdown's inline marks (emphasis, code, links, inline HTML) in paragraphs, no other
# block (no lists, quotes, headings, rules, indented code or reference definitions).
_LINE_CONVERTER = markdown.Markdown(output_format="html")
for _name in ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote", "reference"):
    _LINE_CONVERTER.parser.blockprocessors.deregister(_name)
# Markdown's HTML of each text that needed the parser: the open data (plain text), the pages and the
# printable pages convert a text once, and the preview's rebuilds reuse what did not change. A process
# forked for the pages inherits it. Emptied when it reaches MAX_CONVERTED texts (a long preview).
_CONVERTED: dict[str, str] = {}
MAX_CONVERTED = 100_000


def _markdown(text: str) -> str:
    converted = _CONVERTED.get(text)
    if converted is None:
        if len(_CONVERTED) >= MAX_CONVERTED:
            _CONVERTED.clear()
        converted = _CONVERTED[text] = _CONVERTER.reset().convert(text)
    return converted


def forget() -> None:
    """The texts converted so far are no longer needed here: the pages are made by workers that have
    their own copy."""
    _CONVERTED.clear()
    for cache in (_block, _line, _plain, _plain_line):
        cache.cache_clear()


def convert_ahead(texts: Callable[[], Iterable[str]]) -> None:
    """Convert with Markdown, one share per core, the texts that will need it (a large plan's prose),
    for the open data and the pages to find them converted. `texts` gives every text of the plan; each
    worker goes through them and converts its share. Without workers, texts are converted when needed."""
    shares = parallel.workers()

    def share(number: int) -> dict[str, str]:
        found: dict[str, str] = {}
        for value in texts():
            if (value not in found and zlib.crc32(value.encode("utf-8", "surrogatepass")) % shares == number
                    and isinstance(value, Prosa) and _marked(value)):
                try:
                    found[value] = _markdown(value)
                except Exception:  # noqa: BLE001 - not every text is prose: one that fails is converted, and fails, only where it is used
                    continue
        return found

    for converted in parallel.fork_map(share, shares) or []:
        _CONVERTED.update(converted)


# A link whose address the sanitiser removed (javascript:, data:…): its text stays, as text, not a dead link.
_DEAD_LINK = re.compile(r"<a(?![^>]*\bhref=)[^>]*>(.*?)</a>", re.S)
# Links written in the data, Markdown or HTML, for the checks (crossref.check_links).
LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]+)|\bhref\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)


def refused_links(text: str) -> list[str]:
    """The link targets in a text that the site will not publish (a scheme other than http, https, mailto)."""
    found = []
    for match in LINK_TARGETS.finditer(text):
        target = match.group(1) or match.group(2)
        scheme = _SCHEME.match(target)
        if scheme and scheme.group(1).lower() not in SCHEMES:
            found.append(target)
    return found


def _clean(fragment: str, tags: set[str]) -> str:
    return _DEAD_LINK.sub(r"\1", _sanitise(fragment, tags))


def _sanitise(fragment: str, tags: set[str]) -> str:
    return nh3.clean(
        fragment,
        tags=tags,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        set_tag_attribute_values={"th": {"scope": "col"}},
    )


class _ListFixer(HTMLParser):
    """Pasted HTML sometimes puts text straight inside <ul>/<ol> (invalid, and confusing for screen
    readers): wrap such content in an <li>. Input is already sanitised, so tags are few and known."""

    VOID = {"br"}

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[str] = []  # open elements; "li*" marks an <li> we opened ourselves

    def _in_list_directly(self) -> bool:
        return bool(self.stack) and self.stack[-1] in ("ul", "ol")

    def _open_implicit(self) -> None:
        if self._in_list_directly():
            self.out.append("<li>")
            self.stack.append("li*")

    def handle_starttag(self, tag, attrs):
        if tag != "li":
            self._open_implicit()
        elif self.stack and self.stack[-1] == "li*":
            self.out.append("</li>")
            self.stack.pop()
        self.out.append(self.get_starttag_text())
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if tag in ("ul", "ol") and self.stack and self.stack[-1] == "li*":
            self.out.append("</li>")
            self.stack.pop()
        if tag in self.stack:
            while self.stack:
                top = self.stack.pop()
                self.out.append(f"</{top.rstrip('*')}>")
                if top == tag:
                    break

    def handle_data(self, data):
        if data.strip():
            self._open_implicit()
        self.out.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    @classmethod
    def fix(cls, fragment: str) -> str:
        if "<ul" not in fragment and "<ol" not in fragment:
            return fragment
        parser = cls()
        parser.feed(fragment)
        parser.close()
        parser.out.extend(f"</{t.rstrip('*')}>" for t in reversed(parser.stack))
        return "".join(parser.out)


def _simple_paragraphs(text: str) -> list[list[str]] | None:
    """The lines of each paragraph of a text that Markdown would only wrap in paragraphs (no Markdown or
    HTML marks, no spaces at either end of a line, no tab, no carriage return); None for any other text.
    Most prose in a plan is like this: it needs no Markdown parser (a property test checks the result)."""
    if _marked(text):
        return None
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if not line:
            if current:
                paragraphs.append(current)
                current = []
        elif line != line.strip():
            return None
        else:
            current.append(line)
    if current:
        paragraphs.append(current)
    return paragraphs


def _escape_text(line: str) -> str:
    return line.replace("\u00a0", "&nbsp;")  # what the sanitiser writes; &, < and > are not in simple text


@lru_cache(maxsize=4096)
def _block(text: str, level: int) -> str:
    simple = _simple_paragraphs(text)
    if simple is not None:
        return "\n".join("<p>" + _escape_text("\n".join(lines)) + "</p>" for lines in simple)
    safe = _ListFixer.fix(_clean(_markdown(text), BLOCK_TAGS))
    if level != 2:
        # Prose headings are written from h2; shift them under the heading that contains them.
        shift = level - 2
        safe = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}>", safe)
    return _TABLE.sub(_table_with_caption(), safe)


def _table_with_caption():
    """Every table gets a caption (the author's «Tabella: …», or one naming its columns); it scrolls inside
    its own box, a region named by that caption while it scrolls (trasparenza.js), and reflows on phones."""
    counter = iter(range(1, 10_000))

    def replace(match: re.Match) -> str:
        number = next(counter)
        caption = match.group("caption")
        if not caption:
            columns = [_TAGS.sub("", cell).strip() for cell in _HEADER_CELLS.findall(match.group("body"))]
            caption = f"Tabella {number}" + (": " + ", ".join(c for c in columns if c) if columns else "")
        label = html.escape(_TAGS.sub("", html.unescape(caption)), quote=True)
        return (f'<div class="tp-scroll" data-nome="{label}">' + tables.reflowing(
                f'<table class="tp-tabella"><caption>{caption}</caption>{match.group("body")}</table>') + '</div>')

    return replace


def is_prose(value) -> bool:
    """Whether the model declares the text prose (Markdown), as opposed to a value shown as written."""
    return isinstance(value, (Prosa, ProsaInLinea))


def value_html(value) -> str:
    """A value as written: escaped, its line breaks kept."""
    return "<br>\n".join(html.escape(line, quote=False) for line in str(value).split("\n"))


def block(text: str | None, level: int = 2) -> Markup:
    """Prose → sanitised HTML whose headings start at ``level``; a value → a paragraph, as written."""
    if not text:
        return Markup("")
    if isinstance(text, Prosa):
        return Markup(_block(str(text), level))
    if isinstance(text, ProsaInLinea):
        return Markup("<p>" + _line(str(text)) + "</p>")
    return Markup("<p>" + value_html(text) + "</p>")


@lru_cache(maxsize=8192)
def _line(text: str) -> str:
    simple = _simple_paragraphs(text)
    if simple is not None:
        return _escape_text("\n".join(line for lines in simple for line in lines))
    rendered = _LINE_CONVERTER.reset().convert(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return _clean(rendered, INLINE_TAGS)


def inline(text: str | None) -> Markup:
    """Text in a line (titles, table cells): prose keeps Markdown's emphasis and links, never its blocks;
    a value is shown as written."""
    if not text:
        return Markup("")
    if is_prose(text):
        return Markup(_line(str(text)))
    return Markup(value_html(text))


def plain(text: str | None) -> str:
    """Text without any markup, for <title>, meta tags, the search index and open data: prose loses its
    Markdown marks, a value stays as written (spaces normalised)."""
    if not text:
        return ""
    if isinstance(text, Prosa):
        return _plain(str(text))
    if isinstance(text, ProsaInLinea):
        return _plain_line(str(text))
    return _SPACES.sub(" ", str(text)).strip()


@lru_cache(maxsize=8192)
def _plain(text: str) -> str:
    if not _marked(text):
        return _SPACES.sub(" ", text).strip()
    stripped = nh3.clean(_markdown(text), tags=set())
    return _SPACES.sub(" ", html.unescape(stripped)).strip()


@lru_cache(maxsize=8192)
def _plain_line(text: str) -> str:
    if not _marked(text):
        return _SPACES.sub(" ", text).strip()
    stripped = nh3.clean(_LINE_CONVERTER.reset().convert(text), tags=set())
    return _SPACES.sub(" ", html.unescape(stripped)).strip()
