"""Accessibility proven in a real browser on every page of every site, plus the Nu HTML Checker.

Chromium is Debian's (/usr/bin/chromium, installed by `make test`); axe-core comes from the
axe-playwright-python package. No request leaves 127.0.0.1. These tests never skip: a missing
browser or checker is a failure.
"""

from __future__ import annotations

import json
import subprocess
import time
import sys
from pathlib import Path

import pytest

from conftest import ENV, REPO, Preview, broken_links, build, fetch, wait_for, write_site

from trasparenza.quality import a11y
from trasparenza.quality import report as a11y_report

SITES = {
    "alessandria": REPO,
    "segrate": REPO / "examples/segrate",
    "leggiuno": REPO / "examples/leggiuno",
    "azioni-positive": REPO / "examples/azioni-positive",
    "salute-organizzativa": REPO / "examples/salute-organizzativa",
    "esempio": REPO / "examples/esempio",  # fictional: several plans, results, charts
    "piccolo-comune": REPO / "examples/piccolo-comune",  # fictional: a simplified PIAO (2.3 and section 3)
    "nuovo": None,  # a new comune's site, as `trasparenza nuovo sito` writes it (conftest.project)
}
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
# One page per kind of template, for the interaction checks.
SAMPLES = ["", "piao/2022-2024/", "piao/2022-2024/obiettivi/", "piao/2022-2024/obiettivi/polizia-locale-b/",
           "piao/2022-2024/strutture/avvocatura/", "piao/2022-2024/formazione/", "accessibilita/"]


@pytest.fixture(scope="session")
def sites(built) -> dict[str, Path]:
    return {name: built(name) for name in SITES}


@pytest.mark.browser
@pytest.mark.parametrize("name", list(SITES))
def test_three_engines_and_the_keyboard_find_nothing_on_every_page(gate, name):
    """axe-core, HTML_CodeSniffer and IBM Equal Access at 1280 and 320 px, light and dark, plus the
    keyboard walk: zero findings on every page (a11y.check_site is `trasparenza check-a11y`, run by the
    session's Gate while the other tests run)."""
    report = gate(name)
    summary = "\n".join(a11y.iter_problems(report))
    print(f"{name}: {len(report.pages)} pagine; " + "; ".join(a11y_report.summary(report)))
    assert len(report.pages) > 15
    assert {e.key: report.count(e.key) for e in a11y.ENGINES} == {"axe": 0, "htmlcs": 0, "ibm": 0}, summary
    assert report.ok, summary
    walked = [p for p in report.pages if p.tab_stops]  # one page per kind, every hand-written page
    assert len(walked) >= 5
    assert all(p.tab_stops["1280 px"] >= 5 and p.tab_stops["320 px"] >= 4 for p in walked)


def test_nu_html_checker_finds_no_error(sites):
    assert VNU.is_file(), "vnu.jar mancante: esegui «make test» (installa vnu-jar con npm)"
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             *map(str, sites.values())], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    errors = [f"{m.get('url', '')[-80:]}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == [], "\n".join(errors[:20])
    assert sum(1 for s in sites.values() for _ in s.rglob("*.html")) > 200


@pytest.mark.parametrize("name", list(SITES))
def test_every_internal_link_and_anchor_resolves(sites, name):
    assert broken_links(sites[name]) == []


@pytest.fixture(scope="module")
def served(sites):
    with a11y.LocalServer(sites["alessandria"]) as server:
        yield server.url


def open_page(browser, base: str, path: str, **options):
    blocked: list[str] = []
    context = a11y.isolated_context(browser, base, blocked, locale="it-IT", **options)
    page = context.new_page()
    page.goto(base + path, wait_until="load")
    return context, page, blocked


FOCUSED_JS = """() => { const e = document.activeElement;
  return e === document.body ? null : (e.getAttribute('aria-label') || e.textContent.trim()).slice(0, 60); }"""
VISIBLE_FOCUSABLE_IN_MENU_JS = """() => [...document.querySelectorAll('.md-sidebar--primary a, .md-sidebar--primary button')]
  .filter(e => e.checkVisibility({visibilityProperty: true})).length"""


def test_menu_is_a_real_button_at_320px(browser, served):
    context, page, _ = open_page(browser, served, "piao/2022-2024/obiettivi/", viewport={"width": 320, "height": 640})
    menu = page.locator("button.tp-menu")
    assert menu.get_attribute("aria-label") == "Menu" and menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate(VISIBLE_FOCUSABLE_IN_MENU_JS) == 0  # closed: nothing in it takes the focus
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_JS) == "Comune di Alessandria"  # the slim bar: the ente's main site
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_JS) == "Menu"
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.evaluate(FOCUSED_JS) == "Chiudi il menu"
    assert page.evaluate(VISIBLE_FOCUSABLE_IN_MENU_JS) > 3
    assert page.evaluate("() => document.querySelector('.md-content').inert")  # the page behind is out of reach
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false" and page.evaluate(FOCUSED_JS) == "Menu"
    assert not page.evaluate("() => document.querySelector('.md-content').inert")
    page.keyboard.press(" ")
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Enter")  # on «Chiudi il menu»
    assert menu.get_attribute("aria-expanded") == "false" and page.evaluate(FOCUSED_JS) == "Menu"
    context.close()


def test_menu_marks_the_current_page_and_has_no_nameless_toggles(browser, served):
    context, page, _ = open_page(browser, served, "piao/2022-2024/strutture/", viewport={"width": 1280, "height": 900})
    assert page.evaluate("() => document.querySelectorAll('.md-nav label, .md-nav input, nav[aria-expanded]').length") == 0
    current = page.locator('.md-nav--primary [aria-current="page"]')
    assert current.count() == 1 and current.inner_text().strip() == "Struttura organizzativa"
    assert page.evaluate("() => [...document.querySelectorAll('svg')].every(s => s.getAttribute('aria-hidden') === 'true')")
    context.close()


def test_search_opens_from_the_keyboard_and_stays_italian(browser, served):
    context, page, _ = open_page(browser, served, "piao/2022-2024/", viewport={"width": 320, "height": 640})
    button = page.locator("button.tp-cerca")
    assert button.get_attribute("aria-label") == "Cerca nel sito"
    assert page.evaluate("() => document.querySelector('.md-search__input').checkVisibility({visibilityProperty: true})") is False
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("polizia")
    page.wait_for_function("() => /documenti trovati/.test(document.querySelector('.md-search-result__meta').textContent)")
    for _ in range(3):  # Tab moves inside the open search (it does not close it)
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.closest('.md-search__inner') !== null")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.classList.contains('tp-cerca')")
    context.close()
    context, page, _ = open_page(browser, served, "piao/2022-2024/", viewport={"width": 1280, "height": 900})
    page.locator(".md-search__input").focus()
    page.keyboard.type("polizia")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__list a[href]').length > 0")
    page.locator("button.tp-cerca-invia").press("Enter")  # «Mostra i risultati»: focus on the first result
    assert page.evaluate("() => document.activeElement.closest('.md-search-result__list') !== null")
    context.close()


def test_dark_scheme_follows_the_system_and_the_choice_is_kept(browser, served):
    context, page, _ = open_page(browser, served, "", viewport={"width": 1280, "height": 900}, color_scheme="dark")
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    toggle = page.locator("button.tp-tema")
    assert page.evaluate(scheme) == "slate" and toggle.get_attribute("aria-pressed") == "true"
    assert toggle.get_attribute("aria-label") == "Tema scuro"
    toggle.press("Enter")
    assert page.evaluate(scheme) == "default" and toggle.get_attribute("aria-pressed") == "false"
    page.reload()
    assert page.evaluate(scheme) == "default"  # the choice survives a reload (localStorage, no cookie)
    assert page.evaluate("() => localStorage.getItem('tp-tema')") == "chiaro"
    assert context.cookies() == []
    page.emulate_media(color_scheme="light")
    page.locator("button.tp-tema").press("Space")
    assert page.evaluate(scheme) == "slate"
    page.locator("button.tp-tema").press("Space")  # back to the system's own scheme: the choice is forgotten
    assert page.evaluate("() => localStorage.getItem('tp-tema')") is None
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(scheme + " === 'slate'")  # and the page follows the system again
    context.close()


def test_the_gate_catches_the_untouched_theme(tmp_path):
    """With mkdocs-material's own header and menu the gate fails: the engines and the keyboard see them."""
    import material

    import shutil

    from conftest import THEME

    root = write_site(tmp_path / "s")
    theme = shutil.copytree(THEME, tmp_path / "tema")
    original = Path(material.__file__).parent / "templates"
    for name in ("partials/header.html", "partials/nav.html", "partials/nav-item.html", "main.html"):
        shutil.copy(original / name, theme / name)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"custom_dir: {THEME}", f"custom_dir: {theme}"),
                      encoding="utf-8")
    site = tmp_path / "site"
    assert build(root, "-d", str(site)).returncode == 0
    with a11y.LocalServer(site) as server:
        report = a11y.check_pages(server.url, ["piao/2024-2026/obiettivi/"])
    found = "\n".join(a11y.iter_problems(report))
    assert report.count("htmlcs") and report.count("ibm"), found
    assert "il pulsante del menu non si raggiunge con il tasto Tab" in found
    assert "la pagina non segue la preferenza di sistema" in found


def test_skip_link_is_first_and_reaches_the_content(browser, served):
    context, page, _ = open_page(browser, served, "piao/2022-2024/obiettivi/polizia-locale-b/",
                                 viewport={"width": 1280, "height": 900})
    page.keyboard.press("Tab")
    first = page.evaluate("() => [document.activeElement.classList.contains('md-skip'), "
                          "document.activeElement.getAttribute('href')]")
    assert first == [True, "#contenuto"]
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#contenuto"
    assert page.evaluate("() => document.getElementById('contenuto').querySelector('h1').textContent") \
        == "Obiettivo B: Educazione stradale"
    context.close()


@pytest.mark.parametrize("path", SAMPLES)
def test_text_resized_to_200_percent_does_not_need_horizontal_scroll(browser, served, path):
    context, page, _ = open_page(browser, served, path, viewport={"width": 1280, "height": 900})
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    assert page.evaluate(a11y.OVERFLOW_JS) <= 1
    context.close()


def test_tables_reflow_on_a_phone_and_only_a_table_that_scrolls_is_a_region(browser, sites):
    """At 320 and 412 px every table of three or more columns is a stack of cards, each cell with its column's
    name, and nothing scrolls; on a wide screen a table too wide for the column scrolls inside a region named
    by its caption, reachable with the keyboard and scrolled with the arrows. A table that fits is no region."""
    server = a11y.LocalServer(sites["segrate"]).__enter__()
    boxes_js = """() => [...document.querySelectorAll('.tp-scroll')].map(r => ({
        scrolls: r.scrollWidth > r.clientWidth + 1, role: r.getAttribute('role'), tabindex: r.getAttribute('tabindex'),
        name: r.getAttribute('aria-label') || document.getElementById(r.getAttribute('aria-labelledby'))?.textContent,
        stacked: getComputedStyle(r.querySelector('table')).display === 'block',
        columns: r.querySelectorAll('thead th').length}))"""
    for width in (320, 412):
        context, page, _ = open_page(browser, server.url, "piao/2023-2025/obiettivi/scheda-6/",
                                     viewport={"width": width, "height": 800})
        assert page.evaluate(a11y.OVERFLOW_JS) <= 1
        boxes = page.evaluate(boxes_js)
        assert boxes and all(b["stacked"] for b in boxes if b["columns"] >= 3), boxes
        assert not any(b["scrolls"] or b["role"] or b["tabindex"] for b in boxes), boxes
        # each cell shows its column's name, silently (the header is announced by the table itself)
        label = page.evaluate("""() => { const cell = document.querySelector('.tp-crono tbody td[data-etichetta]');
            return [cell.dataset.etichetta, getComputedStyle(cell, '::before').content]; }""")
        assert label[0] and label[0] in label[1], label
        context.close()
    server.__exit__(None, None, None)
    server = a11y.LocalServer(sites["esempio"]).__enter__()  # results at two dates: ten columns
    context, page, _ = open_page(browser, server.url, "piao/2024-2026/obiettivi/attivita-istituzionali-demografici/",
                                 viewport={"width": 1280, "height": 900})
    boxes = page.evaluate(boxes_js)
    assert any(b["scrolls"] for b in boxes) and any(not b["scrolls"] for b in boxes)
    assert all((b["role"] == "region" and b["tabindex"] == "0" and bool(b["name"])) == b["scrolls"] for b in boxes), boxes
    page.focus(".tp-risultati >> xpath=ancestor::div[@role='region']")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=3000)  # keyboard scrolls it
    # narrowed to a phone, the same table stops being a region
    page.set_viewport_size({"width": 320, "height": 640})
    page.wait_for_function("() => !document.querySelector('.tp-scroll[role=region]')", timeout=3000)
    context.close()
    server.__exit__(None, None, None)


def test_reduced_motion_is_respected(browser, served):
    context, page, _ = open_page(browser, served, "piao/2022-2024/", viewport={"width": 1280, "height": 900},
                                 reduced_motion="reduce")
    longest = page.evaluate("""() => Math.max(...[...document.querySelectorAll('*')].map(e => {
        const s = getComputedStyle(e);
        return Math.max(...(s.transitionDuration + ',' + s.animationDuration).split(',').map(v => parseFloat(v) || 0));
    }))""")
    assert longest <= 0.001
    context.close()


def test_link_text_makes_sense_out_of_context(sites):
    vague = {"qui", "clicca qui", "link", "leggi", "leggi tutto", "scarica", "vai", "dettagli", "altro"}
    from conftest import Page

    for site in sites.values():
        for html in site.rglob("*.html"):
            parsed = Page(html.read_text(encoding="utf-8"))
            texts = [t.strip().lower() for t in parsed.text.split("  ")]
            assert not (vague & set(texts)), html


def test_no_page_needs_a_third_party_host(browser, sites):
    with a11y.LocalServer(sites["segrate"]) as server:
        context, page, blocked = open_page(browser, server.url, "piao/2023-2025/obiettivi/scheda-6/",
                                           viewport={"width": 1280, "height": 900})
        page.wait_for_timeout(300)
        assert blocked == []
        context.close()


def cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trasparenza.cli", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=600)


def _keep_only(site: Path, kept: set[str]) -> None:
    """Leave only some pages of a built site: the command's reporting needs no more (every page of the
    real sites is checked by the gate test above)."""
    for html in site.rglob("*.html"):
        if html.relative_to(site).as_posix() not in kept:
            html.unlink()


def test_check_a11y_command_reports_and_fails_on_violations(tmp_path):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    plan = "piao/2024-2026/"
    # A few pages of different kinds (the gate above checks every page of every site).
    _keep_only(root / "site_build", {"index.html", "404.html", "accessibilita/index.html", plan + "index.html",
                                     plan + "obiettivi/mense-digitali/index.html", plan + "obiettivi/biblioteca-aperta/index.html",
                                     plan + "strutture/area-servizi/index.html"})
    ok = cli("check-a11y", "site_build", "--json", "r.json", "--html", "r.html", cwd=root)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Esito: nessun problema trovato." in ok.stdout and "[1/" in ok.stdout
    report = json.loads((root / "r.json").read_text())
    assert report["violazioni"] == 0 and report["pagine"] == 7
    assert report["violazioni_per_motore"] == {"axe": 0, "htmlcs": 0, "ibm": 0}
    assert len(report["viste"]) == 4 and report["dettaglio"][0]["fermate_tab"]["320 px"] > 3
    assert sum(1 for p in report["dettaglio"] if p["fermate_tab"]) < report["pagine"]  # once per kind
    html_report = (root / "r.html").read_text()
    assert '<html lang="it">' in html_report and "<h2>Da verificare a mano</h2>" in html_report
    assert "HTML_CodeSniffer" in html_report and "Percorso con la tastiera" in html_report

    (root / "content/index.md").write_text("# Prova\n\n<img src=\"foto.png\">\n\n"
                                           "<img src=\"https://esempio.invalid/x.png\" alt=\"esterna\">\n\n"
                                           "| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert build(root).returncode == 0
    _keep_only(root / "site_build", {"index.html"})
    bad = cli("check-a11y", "site_build", cwd=root)
    assert bad.returncode == 1
    assert "\n/: axe image-alt (critical): Images must have alternative text" in bad.stdout
    assert "\n/: htmlcs Principle1.Guideline1_1.1_1_1.H37 (errore)" in bad.stdout
    assert "\n/: ibm img_alt_valid (violazione)" in bad.stdout
    assert "richiesta a un host esterno bloccata: https://esempio.invalid/x.png" in bad.stdout
    assert "/: una tabella non ha la didascalia (caption)" in bad.stdout
    assert "Esito: da correggere." in bad.stdout


@pytest.mark.browser
def test_preview_error_page_and_warning_box_are_accessible(browser, tmp_path):
    """What the preview shows while the data are wrong (or only warned about) passes the same gate."""
    root = write_site(tmp_path / "s")
    path = root / "data/obiettivi/area-servizi.yaml"
    good = path.read_text()
    (root / "data/ente.yaml").write_text("denominazione: Comune di Prova\ncodice_istatt: 1\n")
    with Preview(root) as preview:
        url = preview.url + "piao/2024-2026/obiettivi/mense-digitali/"
        assert wait_for(lambda: "Anteprima ferma" in (fetch(url, errors_too=True) or ""), 60)
        assert wait_for(lambda: fetch(preview.url) is not None, 30)
        assert "Anteprima ferma: i dati contengono 1 errore" in fetch(preview.url, errors_too=True)
        shown = a11y.check_pages(preview.url, [""])
        assert shown.ok, "\n".join(a11y.iter_problems(shown))
        (root / "data/ente.yaml").write_text("denominazione: Comune di Prova\n")
        path.write_text(good.replace("scadenza: 30/09/2024", "scadenza: 30/11/2027"))
        assert wait_for(lambda: "Anteprima: 1 avviso" in (fetch(url) or ""), 60)
        shown = a11y.check_pages(preview.url, ["piao/2024-2026/obiettivi/mense-digitali/"])
        assert shown.ok, "\n".join(a11y.iter_problems(shown))


# A page of each kind whose text is long enough to move: the measure of Lighthouse's «layout shift».
SHIFT_PAGES = [("esempio", path) for path in (
    "", "piao/2025-2027/", "piao/2025-2027/obiettivi/pagopa-entrate/", "piao/2024-2026/relazione-2024/",
    "piao/2025-2027/strutture/", "dati/", "amministrazione-trasparente/performance/")] + [
    ("alessandria", "piao/2022-2024/fabbisogni-personale/")]  # short: the menu is longer than the text


@pytest.mark.parametrize("width", [1280, 412])
def test_nothing_moves_when_the_web_fonts_arrive_late(browser, sites, width):
    """On a slow line (the fonts here are held back 700 ms) nothing moves when the web font arrives: the page
    is drawn in the fallback sized like Titillium Web and keeps it (font-display: optional). The cumulative
    layout shift stays under 0.05, Lighthouse's «good» being 0.1; with «swap» and no fallback it was 0.28 at
    412 px. Images have their size before they arrive."""
    def late(route):
        time.sleep(0.7)
        route.continue_()

    for site, path in SHIFT_PAGES:
        with a11y.LocalServer(sites[site]) as server:
            context = browser.new_context(locale="it-IT", viewport={"width": width, "height": 900})
            context.route("**/*.woff2", late)
            page = context.new_page()
            page.add_init_script("""window.__spostamento = 0; new PerformanceObserver(list => {
                for (const e of list.getEntries()) if (!e.hadRecentInput) window.__spostamento += e.value;
            }).observe({type: 'layout-shift', buffered: true});""")
            page.goto(server.url + path, wait_until="load")
            page.evaluate("() => document.fonts.ready.then(() => true)")
            page.wait_for_timeout(300)
            shift, fonts = page.evaluate("""() => [window.__spostamento,
                [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)]""")
            unsized = page.evaluate("() => [...document.images].filter(i => !i.getAttribute('width')).map(i => i.src)")
            context.close()
            assert any(f.startswith('"Titillium Web"') or f.startswith("Titillium Web") for f in fonts), fonts
            assert shift < 0.05, (path, width, shift)
            assert unsized == [], path
