"""Heard, not just passed: what Chromium's accessibility tree announces on a page of every kind.

For each kind of page (theme/main.html marks it: data-pagina) the first page of that kind in the sites
below is loaded in Debian's Chromium and its ARIA snapshot (Playwright's own, from the accessibility
tree) is reduced to what a screen-reader user meets: the landmarks in order and, inside the main
content, the headings, images, tables with their caption and headers, regions, notes and the
breadcrumb. That outline is pinned in ``tests/ascolto/<kind>.yaml``; a change to it fails the test
until someone has listened to it and updated the file (TRASPARENZA_AGGIORNA_ASCOLTO=1 rewrites them).

Beside the pinned outline, rules that hold on every page at 1280 and 320 px: no noise (separators read
aloud, a table announced as a region though nothing scrolls, the page's title heard again before its
heading), each chart's name heard once and its drawing silent, headers short, the site's navigation
outside the main content, and one name for one place.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO

from trasparenza.quality import a11y

HERE = Path(__file__).parent / "ascolto"
UPDATE = os.environ.get("TRASPARENZA_AGGIORNA_ASCOLTO") == "1"
# The sites whose pages stand for their kind, in order of preference: the fictional example has nearly
# every kind; the others add the kinds it lacks.
ORDER = ["esempio", "salute-organizzativa", "azioni-positive", "alessandria", "segrate", "leggiuno", "piccolo-comune",
         "nuovo"]
KIND = re.compile(r'data-pagina="([a-z_]+)"')
NODE = re.compile(r'^(?P<role>[a-z]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?P<attrs>(?: \[[^\]]*\])*)$')
HEADER_LIMIT = 150


def _samples(sites: dict[str, Path]) -> dict[str, tuple[str, str]]:
    """kind → (site, path) of the first page of that kind; hand-written pages («testo») from one site."""
    found: dict[str, tuple[str, str]] = {}
    for name in ORDER:
        for path in a11y.site_pages(sites[name]):
            file = sites[name] / (path if path.endswith(".html") else path + "index.html")
            match = KIND.search(file.read_text(encoding="utf-8"))
            kind = match.group(1) if match else "testo"
            found.setdefault(kind, (name, path))
    return found


@pytest.fixture(scope="module")
def sites(built) -> dict[str, Path]:
    return {name: built(name) for name in ORDER}


@pytest.fixture(scope="module")
def samples(sites):
    return _samples(sites)


def parse(snapshot: str) -> list[dict]:
    """Playwright's ARIA snapshot (YAML) as nodes: {role, name, attrs, text, children}."""
    def node(item) -> dict | None:
        if isinstance(item, str):
            key, value = item, None
        else:
            (key, value), = item.items()
        if key.startswith("/"):  # /url, /placeholder: properties, not nodes
            return None
        match = NODE.match(key)
        if not match:
            return {"role": "text", "name": str(key), "attrs": "", "text": "", "children": []}
        role, name = match.group("role"), (match.group("name") or "").replace('\\"', '"')
        text = value if isinstance(value, str) else ""
        children = [n for n in (node(c) for c in value) if n] if isinstance(value, list) else []
        if role == "text":
            name, text = text or name, ""
        return {"role": role, "name": name, "attrs": match.group("attrs").strip(), "text": text, "children": children}
    return [n for n in (node(i) for i in yaml.safe_load(snapshot) or []) if n]


def walk(nodes: list[dict], inside: tuple[str, ...] = ()):
    for n in nodes:
        yield n, inside
        yield from walk(n["children"], inside + (n["role"],))


def all_text(n: dict) -> str:
    return " ".join([n["name"], n["text"]] + [all_text(c) for c in n["children"]]).strip()


def outline(nodes: list[dict]) -> dict:
    """What is announced, reduced to its structure."""
    landmarks = [f'{n["role"]} "{n["name"]}"' if n["name"] else n["role"] for n in nodes
                 if n["role"] in ("banner", "navigation", "main", "contentinfo", "complementary", "search", "region")]
    main = next((n for n in nodes if n["role"] == "main"), None)
    content: list = []
    for n, inside in walk(main["children"] if main else []):
        if "table" in inside:
            continue
        role = n["role"]
        if role == "heading":
            level = re.search(r"level=(\d)", n["attrs"]).group(1)
            content.append(f'h{level} {n["name"]}')
        elif role == "img":
            content.append(f'img "{n["name"]}"')
        elif role == "table":
            rows = [r for r, _ in walk(n["children"]) if r["role"] == "row"]
            heads = [c["name"] for c in rows[0]["children"] if c["role"] == "columnheader"] if rows else []
            row_heads = sum(1 for r, _ in walk(n["children"]) if r["role"] == "rowheader")
            content.append({f'table "{n["name"]}"': heads + ([f"{row_heads} intestazioni di riga"] if row_heads else [])})
        elif role in ("region", "navigation", "note", "figure", "group", "search", "complementary"):
            content.append(f'{role} "{n["name"]}"' if n["name"] else role)
    return {"punti di riferimento": landmarks, "contenuto": content}


def noise(nodes: list[dict], width: int) -> list[str]:
    """What nobody should hear, on any page."""
    found = []
    main = next((n for n in nodes if n["role"] == "main"), None)
    if main is None:
        return ["nessun punto di riferimento main"]
    for n, inside in walk(nodes):
        name = n["name"] + n["text"]
        if "›" in name or name.strip() in ("»", "|", "/", "·", "•", ">"):
            found.append(f"un separatore letto ad alta voce: {n['role']} «{name}»")
        if n["role"] in ("columnheader", "rowheader") and len(n["name"]) > HEADER_LIMIT:
            found.append(f"intestazione di {len(n['name'])} caratteri: «{n['name'][:50]}…»")
        if n["role"] == "img" and n["children"]:
            found.append(f"l'immagine «{n['name']}» fa leggere anche il suo contenuto: {all_text(n)[:80]}")
        if n["role"] == "img" and n["text"]:
            found.append(f"l'immagine «{n['name']}» fa leggere anche il suo contenuto: {n['text'][:80]}")
        if n["role"] == "navigation" and "main" in inside and n["name"] != "Percorso":
            found.append(f"la navigazione «{n['name']}» è dentro il contenuto principale")
        if n["role"] == "figure":
            found.append(f"una figura chiamata dalla sua didascalia, letta due volte: «{n['name'][:60]}»")
    # Each chart's name once in the whole page (an image inside a link, the logo, is named by the link).
    names = [n["name"] for n, inside in walk(nodes) if n["role"] == "img" and n["name"] and "link" not in inside]
    for name in set(names):
        heard = sum(1 for n, _ in walk(nodes) if name and (n["name"] == name or n["text"] == name))
        if heard > 1:
            found.append(f"il nome del grafico «{name}» si sente {heard} volte")
    # The page's title: once before the content starts (its heading), not in the banner or in front of it.
    h1 = next((n["name"] for n, _ in walk([main]) if n["role"] == "heading" and "level=1" in n["attrs"]), None)
    if h1:
        before = []
        for n in nodes:
            if n is main:
                for m, _ in walk(main["children"]):
                    if m["role"] == "heading" and "level=1" in m["attrs"]:
                        break
                    before.append(m)
                break
            if n["role"] == "banner":
                before += [m for m, _ in walk(n["children"])]
        repeats = [m for m in before if h1 in (m["name"], m["text"]) and m["role"] != "img"]
        if repeats:
            found.append(f"a {width} px il titolo «{h1}» si sente anche prima del contenuto: "
                         + ", ".join(m["role"] for m in repeats))
    return found


def _snapshot(browser, sites, site: str, path: str, width: int) -> list[dict]:
    with a11y.LocalServer(sites[site]) as server:
        context = browser.new_context(locale="it-IT", viewport={"width": width, "height": 900 if width > 400 else 640})
        try:
            page = context.new_page()
            page.goto(server.url + path, wait_until="load")
            page.evaluate("() => document.fonts.ready.then(() => true)")
            return parse(page.locator("body").aria_snapshot())
        finally:
            context.close()


KINDS = sorted(p.stem for p in HERE.glob("*.yaml"))


def test_every_kind_of_page_has_its_pinned_outline(samples):
    """A kind of page with no pinned outline has never been listened to."""
    assert sorted(samples) == KINDS or UPDATE, (sorted(samples), KINDS)


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS or ["obiettivo"])
def test_what_a_screen_reader_hears_on_each_kind_of_page(browser, sites, samples, kind):
    site, path = samples[kind]
    nodes = _snapshot(browser, sites, site, path, 1280)
    found = outline(nodes)
    pinned = HERE / f"{kind}.yaml"
    if UPDATE or not pinned.exists():
        HERE.mkdir(exist_ok=True)
        pinned.write_text(f"# {site}: /{path}\n" + yaml.safe_dump(found, allow_unicode=True, sort_keys=False, width=120),
                          encoding="utf-8")
    assert found == yaml.safe_load(pinned.read_text(encoding="utf-8")), f"{site}: /{path}"
    assert noise(nodes, 1280) == [], f"{site}: /{path}"
    narrow = _snapshot(browser, sites, site, path, 320)
    assert noise(narrow, 320) == [], f"{site}: /{path} a 320 px"
    # On a phone the tables reflow but stay tables: the same captions and headers are announced.
    tables = lambda tree: [c for c in outline(tree)["contenuto"] if isinstance(c, dict)]
    assert tables(narrow) == tables(nodes)


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_text_has_the_contrast_of_the_page_text(browser, sites, samples, scheme):
    """axe cannot measure text inside an SVG (falsi_positivi.yaml): measured here, in both schemes."""
    site, path = samples["relazione"]
    with a11y.LocalServer(sites[site]) as server:
        context = browser.new_context(locale="it-IT", color_scheme=scheme)
        page = context.new_page()
        page.goto(server.url + path, wait_until="load")
        colours = page.evaluate("""() => [...document.querySelectorAll('svg.tp-grafico text')].map(t =>
            [getComputedStyle(t).fill, getComputedStyle(document.body).backgroundColor])""")
        context.close()
    assert colours
    for fill, background in colours:
        lighter, darker = sorted((_luminance(fill), _luminance(background)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (fill, background)
