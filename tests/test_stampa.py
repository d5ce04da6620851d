"""Print: every page prints with the ente, the plan, its address, the dates and the licence; the plan year
has a «versione da stampare» page holding the whole plan, left out of the search index."""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO
from trasparenza.checks.validate import load_site


def test_the_print_page_holds_the_whole_plan_year(built):
    site = built("alessandria")
    plan = load_site(REPO / "data", REPO)[0].corrente
    page = site / "piao" / "2022-2024" / "stampa" / "index.html"
    html = page.read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    for obiettivo in plan.obiettivi:
        assert f'id="obiettivo-{obiettivo.id}"' in html
    for sezione in plan.sezioni:
        assert f'id="sezione-{sezione.id}"' in html
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]
    home = (site / "piao" / "2022-2024" / "index.html").read_text(encoding="utf-8")
    assert 'href="stampa/"' in home and "Stampa il piano" in home
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any("stampa/" in doc["location"] for doc in index["docs"])
    assert not any("#dati-aperti" in doc["location"] for doc in index["docs"])


@pytest.mark.parametrize("path", ["index.html", "piao/2022-2024/obiettivi/avvocatura-a/index.html", "dati/index.html"])
def test_every_page_carries_what_a_printed_sheet_needs(built, path):
    html = (built("alessandria") / path).read_text(encoding="utf-8")
    block = html.split('<div class="tp-solo-stampa">', 1)[1].split("</div>", 1)[0]
    assert "Comune di Alessandria" in block and 'class="tp-indirizzo"' in block
    assert "licenza CC BY 4.0" in html.split('<p class="tp-solo-stampa">', 1)[1]
    if "piao/" in path:
        assert "PIAO 2022-2024" in block


def test_print_styles_keep_tables_whole_and_hide_the_navigation():
    css = (REPO / "theme" / "assets" / "trasparenza.css").read_text(encoding="utf-8")
    rules = css.split("@media print", 1)[1]
    for fragment in (".tp-solo-stampa { display: block", ".md-sidebar", "overflow: visible", "break-inside: avoid",
                     "table-header-group"):
        assert fragment in rules, fragment
    js = (REPO / "theme" / "assets" / "trasparenza.js").read_text(encoding="utf-8")
    assert "beforeprint" in js and "location.href" in js


@pytest.mark.browser
def test_printed_in_chromium(built, browser):
    from trasparenza.quality import a11y

    with a11y.LocalServer(built("alessandria")) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
        page = context.new_page()
        page.goto(server.url + "piao/2022-2024/stampa/")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        assert page.locator(".tp-indirizzo").first.inner_text() == server.url + "piao/2022-2024/stampa/"
        assert page.locator(".tp-solo-stampa").first.is_visible()
        assert not page.locator(".md-sidebar--primary").is_visible() and not page.locator(".md-header").is_visible()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
        context.close()
