"""Accessibility proven in a real browser on every page of every site, plus the Nu HTML Checker.

Chromium is Debian's (/usr/bin/chromium, installed by `make test`); axe-core comes from the
axe-playwright-python package. No request leaves 127.0.0.1. These tests never skip: a missing
browser or checker is a failure.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, REPO, Preview, broken_links, build, fetch, wait_for, write_site

from trasparenza import a11y

SITES = {
    "alessandria": REPO,
    "segrate": REPO / "examples/segrate",
    "leggiuno": REPO / "examples/leggiuno",
    "azioni-positive": REPO / "examples/azioni-positive",
    "salute-organizzativa": REPO / "examples/salute-organizzativa",
}
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
# One page per kind of template, for the interaction checks.
SAMPLES = ["", "piao/2022-2024/", "piao/2022-2024/obiettivi/", "piao/2022-2024/obiettivi/polizia-locale-b/",
           "piao/2022-2024/strutture/avvocatura/", "piao/2022-2024/formazione/", "accessibilita/"]


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> dict[str, Path]:
    built = {}
    for name, root in SITES.items():
        site = tmp_path_factory.mktemp(name) / "site"
        result = build(root, "-d", str(site), config=root / "mkdocs.yml")
        assert result.returncode == 0, result.stderr
        built[name] = site
    return built


@pytest.mark.browser
@pytest.mark.parametrize("name", list(SITES))
def test_axe_and_structure_on_every_page(sites, name):
    report = a11y.check_site(sites[name])
    summary = "\n".join(a11y.iter_problems(report))
    print(f"{name}: {len(report.pages)} pagine, {report.violations} violazioni, {report.problems} altri problemi")
    assert len(report.pages) > 15
    assert report.ok, summary


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
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = a11y.launch(playwright)
        yield chromium
        chromium.close()


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


FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40),
          visible: outline || shadow, size: r.width * r.height};
}"""


@pytest.mark.parametrize("path", SAMPLES)
def test_keyboard_focus_is_always_visible(browser, served, path):
    context, page, _ = open_page(browser, served, path, viewport={"width": 1280, "height": 900})
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_JS)
        if state is None:
            break
        seen += 1
        if state["size"] == 0:
            continue  # focus moved to an element hidden off-screen (the theme's own toggles)
        assert state["visible"], f"{path}: nessun indicatore di focus su {state}"
    assert seen >= 5
    context.close()


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


def test_wide_tables_scroll_in_a_focusable_labelled_region_at_320px(browser, sites):
    server = a11y.LocalServer(sites["segrate"]).__enter__()
    context, page, _ = open_page(browser, server.url, "piao/2023-2025/obiettivi/scheda-6/",
                                 viewport={"width": 320, "height": 640})
    assert page.evaluate(a11y.OVERFLOW_JS) <= 1
    regions = page.evaluate("""() => [...document.querySelectorAll('.tp-scroll')].map(r => ({
        scrolls: r.scrollWidth > r.clientWidth, tabindex: r.getAttribute('tabindex'),
        name: r.getAttribute('aria-label') || document.getElementById(r.getAttribute('aria-labelledby'))?.textContent}))""")
    assert any(r["scrolls"] for r in regions)
    assert all(r["tabindex"] == "0" and r["name"] for r in regions)
    page.focus(".tp-crono >> xpath=ancestor::div[@role='region']")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=3000)  # keyboard scrolls it
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


def test_check_a11y_command_reports_and_fails_on_violations(tmp_path):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    ok = cli("check-a11y", "site_build", "--json", "r.json", "--html", "r.html", cwd=root)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Esito: nessun problema trovato." in ok.stdout and "[1/" in ok.stdout
    report = json.loads((root / "r.json").read_text())
    assert report["violazioni"] == 0 and report["pagine"] > 10
    assert '<html lang="it">' in (root / "r.html").read_text()

    (root / "content/index.md").write_text("# Prova\n\n<img src=\"foto.png\">\n\n"
                                           "<img src=\"https://esempio.invalid/x.png\" alt=\"esterna\">\n\n"
                                           "| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert build(root).returncode == 0
    bad = cli("check-a11y", "site_build", cwd=root)
    assert bad.returncode == 1
    assert "\n/: image-alt (critical): Images must have alternative text" in bad.stdout
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
        context = a11y.isolated_context(browser, preview.url, [], locale="it-IT")
        page = context.new_page()
        shown = a11y.check_page(page, preview.url, a11y.axe_source())
        assert "Anteprima ferma: i dati contengono 1 errore" in page.inner_text("h1")
        assert shown.ok, (shown.violations, shown.problems)
        (root / "data/ente.yaml").write_text("denominazione: Comune di Prova\n")
        path.write_text(good.replace("scadenza: 30/09/2024", "scadenza: 30/11/2027"))
        assert wait_for(lambda: "Anteprima: 1 avviso" in (fetch(url) or ""), 60)
        shown = a11y.check_page(page, url, a11y.axe_source())
        assert shown.ok, (shown.violations, shown.problems)
        context.close()
