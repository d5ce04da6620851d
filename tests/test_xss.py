"""No payload pasted into the data comes alive in any output: pages, menus, titles, meta tags,
breadcrumbs, the search index. Every vector carries the marker XSSX so that a live copy can be
told apart from the theme's own scripts."""

from __future__ import annotations

import html
import json
import re
import textwrap
from html.parser import HTMLParser

import pytest
import yaml

from conftest import MINI, build, mkdocs, write_site

MARK = "XSSX"
VECTORS = [
    "<script>alert('XSSX')</script>",
    "<img src=x onerror=alert('XSSX')>",
    "<svg onload=alert('XSSX')>",
    "<iframe src=\"javascript:alert('XSSX')\"></iframe>",
    "[clic](javascript:alert('XSSX'))",
    "[clic](JaVaScRiPt:alert('XSSX'))",
    "<a href=\"javascript:alert('XSSX')\">x</a>",
    "<a href=\"data:text/html,<script>alert('XSSX')</script>\">d</a>",
    "<body onload=alert('XSSX')>",
    "<div style=\"background:url(javascript:alert('XSSX'))\">x</div>",
    "<object data=\"javascript:alert('XSSX')\"></object>",
    "<embed src=\"javascript:alert('XSSX')\">",
    "<form action=\"javascript:alert('XSSX')\"><button>x</button></form>",
    "<input onfocus=alert('XSSX') autofocus>",
    "<details open ontoggle=alert('XSSX')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSSX')>",
    "\"><script>alert('XSSX')</script>",
    "'><img src=x onerror=alert('XSSX')>",
    "&lt;script&gt;alert('XSSX')&lt;/script&gt;",
    "<scr<script>ipt>alert('XSSX')</script>",
    "<IMG SRC=JaVaScRiPt:alert('XSSX')>",
    "<a href=\"&#106;avascript:alert('XSSX')\">x</a>",
    "<a href=\"jav&#x09;ascript:alert('XSSX')\">x</a>",
    "<base href=\"javascript:alert('XSSX')//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('XSSX')\">",
    "<link rel=stylesheet href=\"javascript:alert('XSSX')\">",
    "<style>@import 'javascript:alert(\"XSSX\")';</style>",
    "<table background=\"javascript:alert('XSSX')\"><tr><td>x</td></tr></table>",
    "<video><source onerror=\"alert('XSSX')\"></video>",
    "<audio src=x onerror=alert('XSSX')>",
    "<marquee onstart=alert('XSSX')>",
    "<a href=\"vbscript:msgbox('XSSX')\">x</a>",
    "![img](javascript:alert('XSSX'))",
    "<p onmouseover=\"alert('XSSX')\">x</p>",
    "</title><script>alert('XSSX')</script>",
    "</textarea><script>alert('XSSX')</script>",
    "<svg><script>alert('XSSX')</script></svg>",
    "<a href=\"  javascript:alert('XSSX')\">x</a>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('XSSX')>\">",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTWCcpPC9zY3JpcHQ+ 'XSSX')",
]
# Fields whose values are constrained (ids, enums, dates, numbers, urls): the rest is free text.
CONSTRAINED = {"id", "tipo", "struttura", "parte_di", "triennio", "data", "scadenza", "scadenza_finale", "peso",
               "incidenza", "partecipazione", "annualita", "obiettivo_strategico", "azioni_positive", "url",
               "stato_conformita", "metodo", "ultimo_riesame", "periodo", "percentuale", "stato", "obiettivi"}
# Tags that must never come from data at all (the theme's own <meta>, <img>, <link> carry no marker).
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "form", "base", "style", "svg", "math", "video", "audio",
                  "source", "marquee", "details", "input", "body", "noscript", "frame"}
# Tags the theme never emits: their mere presence means data got through.
NEVER_FROM_THEME = {"noscript", "iframe", "object", "embed", "base", "math", "marquee", "details", "frame",
                    "video", "audio", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "data", "background", "formaction", "content", "xlink:href"}


def poison(value, counter: list[int]):
    """Replace every free-text string with text carrying one of the vectors, in turn."""
    if isinstance(value, dict):
        return {k: (v if k in CONSTRAINED else poison(v, counter)) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, counter) for v in value]
    if isinstance(value, str):
        vector = VECTORS[counter[0] % len(VECTORS)]
        counter[0] += 1
        return f"Testo {vector} fine"
    return value


class LiveFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in NEVER_FROM_THEME:
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            squeezed = "".join(value.split()).lower()
            if MARK in value and (name.startswith("on") or name == "style"):
                self.live.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and MARK in html.unescape(value) and \
                    squeezed.startswith(("javascript:", "vbscript:", "data:")):
                self.live.append(f"<{tag} {name}={value[:40]}>")
            if tag in DANGEROUS_TAGS and MARK in value:
                self.live.append(f"<{tag} … {MARK}>")
            if tag == "meta" and name == "content" and MARK in value and any(n == "http-equiv" for n, _ in attrs):
                self.live.append("<meta http-equiv …>")
        if tag in ("script", "style"):
            self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open and MARK in data:
            self.live.append(f"<{self._open[-1]}> con {MARK}")


def live_payloads(text: str) -> list[str]:
    finder = LiveFinder()
    finder.feed(text)
    finder.close()
    # An unclosed <script>/<style> keeps its content as raw text: look for the marker inside.
    if re.search(r"<(script|style)\b[^>]*>(?:(?!</\1).)*" + MARK, text, re.S | re.I):
        finder.live.append(f"<script>/<style> con {MARK}")
    return finder.live


def strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, str):
        yield value


def test_the_detector_recognises_live_payloads():
    for vector in VECTORS:
        if vector.startswith(("[", "!", "&lt;")):
            continue  # Markdown and entity-encoded vectors are only live after rendering
        assert live_payloads(vector), vector
    assert live_payloads('{"text": "<script>alert(1)</script>"}'.replace("1", MARK))


def poisoned_plan(start: int) -> tuple[dict[str, str], int]:
    counter = [start]
    files = {}
    for name, text in MINI.items():
        data = yaml.safe_load(textwrap.dedent(text))
        files[name] = yaml.safe_dump(poison(data, counter), allow_unicode=True, sort_keys=False)
    return files, counter[0] - start


@pytest.mark.parametrize("turn", [0, 1])
def test_no_vector_survives_in_any_output(tmp_path, turn):
    # Two builds with the vectors shifted, so that every vector lands in some field (and in titles).
    _, fields = poisoned_plan(0)
    files, _ = poisoned_plan(turn * fields)
    assert fields * 2 >= len(VECTORS), "ogni vettore deve finire almeno in un campo"
    root = write_site(tmp_path / "s", files)
    result = mkdocs(root, "build")  # not strict: the refused links are warnings, and the site is built
    assert result.returncode == 0, result.stderr
    assert "non è un indirizzo web" in result.stderr  # the editor is told about every removed link
    site = root / "site_build"
    checked, problems = 0, []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            found = live_payloads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            found = [p for s in strings(json.loads(path.read_text(encoding="utf-8"))) for p in live_payloads(s)]
        else:
            continue
        checked += 1
        problems += [f"{path.relative_to(site)}: {p}" for p in found]
    assert checked > 10
    assert problems == [], "\n".join(problems[:30])
    # the marker did reach the pages, as inert text
    assert MARK in (site / "piao/2024-2026/obiettivi/mense-digitali/index.html").read_text()
    assert MARK in (site / "search/search_index.json").read_text()


def test_search_index_entries_are_re_sanitised(tmp_path):
    # Defence in depth: whatever a theme's search plugin decodes, the published index carries no markup.
    from trasparenza.adapters.mkdocs.search_index import _sanitise_search_index

    (tmp_path / "search").mkdir()
    index = tmp_path / "search" / "search_index.json"
    index.write_text(json.dumps({"docs": [{"title": "<img src=x onerror=alert('XSSX')>",
                                           "text": "<script>alert('XSSX')</script> <code>ok</code>",
                                           "location": "x/"}]}), encoding="utf-8")
    _sanitise_search_index(tmp_path, [])
    doc = json.loads(index.read_text(encoding="utf-8"))["docs"][0]
    assert live_payloads(doc["title"]) == [] and live_payloads(doc["text"]) == []
    assert "<code>ok</code>" in doc["text"] and doc["location"] == "x/"
