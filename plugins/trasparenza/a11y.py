"""Accessibility check of a built site in a real browser: the engine of `trasparenza check-a11y`
and of the test suite.

Every page is served from 127.0.0.1, loaded in headless Chromium (Debian's, through Playwright),
checked with axe-core (WCAG 2.0/2.1 A and AA plus best practices) and with a few checks axe does
not make: one h1 and no skipped heading levels, no horizontal page scroll at 320 px, no request
to any host but the local server.
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
CHROMIUM = os.environ.get("TRASPARENZA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Runs in the page: what axe cannot judge but a reader notices.
STRUCTURE_JS = """() => {
  const problems = [];
  const headings = [...document.querySelectorAll('article h1, article h2, article h3, article h4, article h5, article h6')];
  const h1 = headings.filter(h => h.tagName === 'H1').length;
  if (h1 !== 1) problems.push(`la pagina ha ${h1} titoli h1 invece di uno`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (previous && level > previous + 1)
      problems.push(`salto di livello nei titoli: h${previous} seguito da h${level} («${h.textContent.trim().slice(0, 60)}»)`);
    previous = level;
  }
  if (!document.querySelector('a.md-skip[href^="#"]')) problems.push('manca il collegamento «Salta al contenuto»');
  if (!document.querySelector('main')) problems.push('manca il punto di riferimento main');
  for (const table of document.querySelectorAll('article table')) {
    if (!table.querySelector('caption') || !table.querySelector('caption').textContent.trim())
      problems.push('una tabella non ha la didascalia (caption)');
    const loose = [...table.querySelectorAll('th')].filter(th => !th.getAttribute('scope') && !th.id);
    if (loose.length) problems.push(`una tabella ha ${loose.length} intestazioni senza scope`);
  }
  const lang = document.documentElement.getAttribute('lang');
  if (!lang || !lang.startsWith('it')) problems.push(`lingua della pagina non italiana: ${lang}`);
  return problems;
}"""
OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@dataclass
class PageResult:
    path: str
    violations: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations and not self.problems


@dataclass
class Report:
    pages: list[PageResult] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    @property
    def violations(self) -> int:
        return sum(len(p.violations) for p in self.pages)

    @property
    def problems(self) -> int:
        return sum(len(p.problems) for p in self.pages) + len(self.external_requests)

    @property
    def ok(self) -> bool:
        return self.violations == 0 and self.problems == 0

    def as_dict(self) -> dict:
        return {
            "pagine": len(self.pages),
            "violazioni": self.violations,
            "altri_problemi": self.problems,
            "richieste_esterne": self.external_requests,
            "dettaglio": [
                {"pagina": p.path, "violazioni": p.violations, "problemi": p.problems} for p in self.pages
            ],
        }


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class LocalServer:
    """Serve a folder on 127.0.0.1 on a free port, in a thread, for the duration of a `with`."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"

    def __enter__(self) -> "LocalServer":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML page, as a reader would open them (folders for index.html)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def launch(playwright):
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(
            f"Chromium non trovato in {CHROMIUM}: installa il pacchetto «chromium» "
            "(sudo apt-get install chromium) oppure indica il percorso in TRASPARENZA_CHROMIUM.")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def isolated_context(browser, base_url: str, blocked: list[str], **options):
    """A browser context where every request to another host is aborted and remembered."""
    context = browser.new_context(**options)

    def route(route_):
        url = route_.request.url
        if url.startswith(base_url) or url.startswith(("data:", "blob:", "about:")):
            route_.continue_()
        else:
            blocked.append(url)
            route_.abort()

    context.route("**/*", route)
    return context


def check_site(site: Path, progress: Callable[[int, int, PageResult], None] | None = None) -> Report:
    from playwright.sync_api import sync_playwright

    report = Report()
    source = axe_source()
    paths = site_pages(site)
    with LocalServer(site) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            context = isolated_context(browser, server.url, report.external_requests,
                                       viewport={"width": 1280, "height": 900}, locale="it-IT")
            page = context.new_page()
            for number, path in enumerate(paths, 1):
                result = check_page(page, server.url + path, source)
                result.path = path
                report.pages.append(result)
                if progress:
                    progress(number, len(paths), result)
        finally:
            browser.close()
    return report


def check_page(page, url: str, source: str) -> PageResult:
    result = PageResult(url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url, wait_until="load")
    page.evaluate(source)
    outcome = page.evaluate("async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    for violation in outcome["violations"]:
        result.violations.append({
            "regola": violation["id"],
            "impatto": violation.get("impact"),
            "descrizione": violation["help"],
            "elementi": [", ".join(map(str, node["target"])) for node in violation["nodes"]][:10],
        })
    result.problems.extend(page.evaluate(STRUCTURE_JS))
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = page.evaluate(OVERFLOW_JS)
    if overflow > 1:
        result.problems.append(f"a 320 px di larghezza la pagina scorre in orizzontale di {overflow} px")
    return result


def iter_problems(report: Report) -> Iterator[str]:
    for page in report.pages:
        for violation in page.violations:
            yield f"/{page.path}: {violation['regola']} ({violation['impatto']}): {violation['descrizione']} – " \
                  f"{'; '.join(violation['elementi'])}"
        for problem in page.problems:
            yield f"/{page.path}: {problem}"
    for url in report.external_requests:
        yield f"richiesta a un host esterno bloccata: {url}"


def html_report(report: Report) -> str:
    """A small, accessible Italian report to attach to a CI run."""
    from html import escape

    rows = []
    for page in report.pages:
        items = [f"<li><strong>{escape(v['regola'])}</strong> ({escape(str(v['impatto']))}): {escape(v['descrizione'])}"
                 f" – <code>{escape('; '.join(v['elementi']))}</code></li>" for v in page.violations]
        items += [f"<li>{escape(p)}</li>" for p in page.problems]
        state = "nessun problema" if page.ok else f"<ul>{''.join(items)}</ul>"
        rows.append(f"<tr><th scope=\"row\">/{escape(page.path)}</th><td>{state}</td></tr>")
    external = "".join(f"<li>{escape(u)}</li>" for u in report.external_requests)
    return f"""<!doctype html>
<html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verifica di accessibilità</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem;line-height:1.5}}
table{{border-collapse:collapse;width:100%}}th,td{{border:1px solid #555;padding:.4rem;text-align:left;vertical-align:top}}</style>
</head><body><main>
<h1>Verifica di accessibilità</h1>
<p>Pagine controllate: {len(report.pages)}. Violazioni (axe-core, WCAG 2.1 A e AA e buone pratiche): {report.violations}.
Altri problemi: {report.problems}.</p>
{f"<h2>Richieste a host esterni</h2><ul>{external}</ul>" if external else ""}
<table><caption>Esito per pagina</caption><thead><tr><th scope="col">Pagina</th><th scope="col">Esito</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
</main></body></html>
"""
