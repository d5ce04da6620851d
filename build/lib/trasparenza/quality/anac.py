"""Walk a built site the way ANAC's crawler reads «Amministrazione trasparente».

The crawler (TrasparenzAI rule-service) starts at the body's home page and, level by level, follows
the link whose text holds every word of the official label: case and accents do not matter, Italian
function words («della», «e», «di»…) are ignored, long words match on their stem («Relazioni» and
«Relazione»), digits and `. / " ' < > ’ - ( ) : ,` separate words, and text of 1,000 characters or more
is ignored. The text of a link is its own, its `aria-label` and `title`, and the `alt` of its images.
Among several matching links the one with the fewest extra words wins, then the first. The next level
is looked for on the page the link leads to. No network: pages are read from the built site's folder.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from trasparenza.site.at_tree import ALBERO, Voce

CRAWLER_ROOT = "Amministrazione Trasparente"  # the root rule as the crawler spells it (the site writes at_tree.ROOT_LABEL)
MAX_TEXT = 1000
_SEPARATORS = re.compile(r"[\s./\"'<>’\-():,0-9]+")
_STOPWORDS = frozenset(
    "a ad agli ai al alla alle allo anche che col coi con da dagli dai dal dall dalla dalle dallo degli dei del dell "
    "della delle dello di e ed gli i il in l la le lo nei nel nell nella nelle nello o per sugli sui sul sull sulla "
    "sulle sullo su tra fra un una uno".split())
BASE = "http://sito.locale/"


def words(text: str) -> list[str]:
    """The words the crawler compares: lower case, no accents, no function words, long words stemmed."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    found = []
    for word in _SEPARATORS.split(plain):
        if not word or word in _STOPWORDS:
            continue
        found.append(word[:-1] if len(word) >= 6 and word[-1] in "aeio" else word)
    return found


def match(label: str, text: str) -> int | None:
    """None if the text does not hold the label, else how many words it has beyond it (0 is exact)."""
    if len(text.strip()) >= MAX_TEXT:
        return None
    wanted, have = set(words(label)), words(text)
    if not wanted or not wanted <= set(have):
        return None
    return len(have) - len([w for w in have if w in wanted])


@dataclass
class Link:
    href: str
    text: str


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._open: list[list] = []  # [href, parts] of the <a> elements being read

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a":
            parts = [attributes.get("aria-label") or "", attributes.get("title") or ""]
            self._open.append([attributes.get("href"), parts])
        elif tag == "img" and self._open:
            self._open[-1][1].append(attributes.get("alt") or "")

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, parts = self._open.pop()
            if href is not None:
                self.links.append(Link(href, " ".join(p for p in parts if p)))

    def handle_data(self, data):
        for entry in self._open:
            entry[1].append(data)


def links_of(html: str) -> list[Link]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def best_link(label: str, links: list[Link]) -> Link | None:
    candidates = [(extra, -(link.href not in ("", "#")), index, link) for index, link in enumerate(links)
                  if (extra := match(label, link.text)) is not None]
    return min(candidates, key=lambda c: c[:3])[3] if candidates else None


class SiteReader:
    """Pages of a built site by URL (http://sito.locale/<path>), from its folder."""

    def __init__(self, site: Path):
        self.site = site.resolve()

    def read(self, url: str) -> str | None:
        url = urldefrag(url)[0]
        if not url.startswith(BASE):
            return None  # another site: the crawler would leave this one
        path = (self.site / unquote(urlsplit(url).path).lstrip("/")).resolve()
        if not path.is_relative_to(self.site):
            return None
        if path.is_dir():
            path = path / "index.html"
        return path.read_text(encoding="utf-8") if path.is_file() else None


@dataclass
class Passo:
    """One step of the walk: the labels from the top of the tree, the page reached (None: not found)."""

    etichette: tuple[str, ...]
    url: str | None
    motivo: str = ""


def walk(site: Path, tree: tuple[Voce, ...] = ALBERO) -> list[Passo]:
    """From the home page: the root label, then every node of ``tree``, each on its parent's page."""
    reader = SiteReader(site)
    steps: list[Passo] = []
    home = reader.read(BASE)
    if home is None:
        return [Passo((CRAWLER_ROOT,), None, "manca la pagina iniziale (index.html)")]
    root = _follow(reader, BASE, home, CRAWLER_ROOT)
    steps.append(Passo((CRAWLER_ROOT,), root[0], root[1]))
    if root[0] is not None:
        _walk_level(reader, root[0], tree, (CRAWLER_ROOT,), steps)
    return steps


def _walk_level(reader: SiteReader, url: str, voci: tuple[Voce, ...], above: tuple[str, ...], steps: list[Passo]):
    html = reader.read(url) or ""
    for voce in voci:
        reached, why = _follow(reader, url, html, voce.etichetta)
        labels = above + (voce.etichetta,)
        steps.append(Passo(labels, reached, why))
        if reached is None:
            continue
        if voce.figli:
            _walk_level(reader, reached, voce.figli, labels, steps)
        for _, label in voce.sottovoci:  # the next level the tree expects on the obligation's own page
            inner, why = _follow(reader, reached, reader.read(reached) or "", label)
            steps.append(Passo(labels + (label,), inner, why))


def _follow(reader: SiteReader, url: str, html: str, label: str) -> tuple[str | None, str]:
    link = best_link(label, links_of(html))
    if link is None:
        return None, f"nessun collegamento contiene «{label}» nella pagina {url.removeprefix(BASE) or '/'}"
    target = urljoin(url, link.href)
    if reader.read(target) is None:
        return None, f"il collegamento «{link.text.strip()}» porta a {link.href}, che non è una pagina del sito"
    return target, ""
