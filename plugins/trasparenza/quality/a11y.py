"""Accessibility check of a built site in a real browser: the engine of `trasparenza check-a11y`
and of the test suite.

Every page is served from 127.0.0.1 and loaded once in headless Chromium (Debian's, through
Playwright). In four views — 1280×900 and 320×640, light and dark scheme (the system preference,
emulated) — three engines check it: axe-core, HTML_CodeSniffer and IBM Equal Access
(`a11y_engines`). Then, once per kind of page, a keyboard walk at both widths (`a11y_keyboard`).
And a few checks no engine
makes: one h1 and no skipped heading levels, no horizontal page scroll at 320 px, no request to any
host but the local server, headers of at most 150 characters, one main landmark without the site's
navigation in it, one name for one place among the links, and in each view a table's box announced as
a region exactly when it scrolls. axe's «needs review» results fail too unless accepted cause by cause.
Pages are checked by a few browser tabs in parallel.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

from trasparenza.quality import engines
from trasparenza.quality import keyboard
from trasparenza.quality.accepted import accepted_rule
from trasparenza.quality.engines import AXE_TAGS, ENGINES  # noqa: F401  (AXE_TAGS: part of this module's interface)

CHROMIUM = os.environ.get("TRASPARENZA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 # Nothing reaches another host: every request but those to the local server (loopback is never
                 # proxied) goes to a proxy that does not exist. The checks still see each such request.
                 "--proxy-server=http://127.0.0.1:9"]


@dataclass(frozen=True)
class View:
    label: str
    width: int
    height: int
    scheme: str  # "light" or "dark": the system preference the browser reports

VIEWS = (View("1280 px, chiaro", 1280, 900, "light"), View("1280 px, scuro", 1280, 900, "dark"),
         View("320 px, chiaro", 320, 640, "light"), View("320 px, scuro", 320, 640, "dark"))

# Runs in the page: what the engines cannot judge but a reader notices.
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
  // A header is repeated with every cell it heads: a long one buries the cell.
  for (const th of document.querySelectorAll('article th')) {
    const text = th.textContent.replace(/\\s+/g, ' ').trim();
    if (text.length > 150)
      problems.push(`un'intestazione di tabella di ${text.length} caratteri, ripetuta con ogni cella: «${text.slice(0, 60)}…»`);
  }
  const mains = document.querySelectorAll('main, [role=main]');
  if (mains.length > 1) problems.push(`la pagina ha ${mains.length} punti di riferimento main`);
  if (document.querySelector('main .md-sidebar, main [data-md-type=navigation]'))
    problems.push('la navigazione del sito è dentro il contenuto principale (main)');
  // The same name for two different places: a screen reader's list of links cannot tell them apart.
  const targets = new Map();
  for (const a of document.querySelectorAll('a[href]')) {
    if (a.closest('[aria-hidden=true], [hidden]')) continue;
    const name = (a.getAttribute('aria-label') || a.textContent).replace(/\\s+/g, ' ').trim().toLowerCase();
    if (!name) continue;
    const href = a.href.replace(/index\\.html(?=$|#)/, '');
    if (!targets.has(name)) targets.set(name, new Set());
    targets.get(name).add(href);
  }
  for (const [name, hrefs] of targets)
    if (hrefs.size > 1)
      problems.push(`${hrefs.size} collegamenti chiamati «${name}» portano in posti diversi: ${[...hrefs].map(h => h.replace(location.origin, '')).join(', ')}`);
  const lang = document.documentElement.getAttribute('lang');
  if (!lang || !lang.startsWith('it')) problems.push(`lingua della pagina non italiana: ${lang}`);
  return problems;
}"""
OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# In each view: a table's box is a named region and a tab stop exactly when it scrolls (assets/trasparenza.js).
REGIONS_JS = """() => [...document.querySelectorAll('.tp-scroll')].flatMap(box => {
  const scrolls = box.scrollWidth > box.clientWidth + 1, region = box.getAttribute('role') === 'region';
  const name = (box.querySelector('caption') || box).textContent.replace(/\\s+/g, ' ').trim().slice(0, 60);
  if (scrolls && !(region && box.tabIndex === 0)) return [`la tabella «${name}» scorre ma non è una regione raggiungibile con la tastiera`];
  if (!scrolls && (region || box.hasAttribute('tabindex'))) return [`la tabella «${name}» non scorre ma è annunciata come regione`];
  return [];
})"""
SCHEME_JS = "() => document.body.getAttribute('data-md-color-scheme')"
# The kind of page (theme/main.html): the keyboard walk is made once per kind.
KIND_JS = "() => document.getElementById('contenuto')?.dataset.pagina || location.pathname"
# The theme's controls the keyboard walk opens at 320 px (theme/partials/header.html).
MENU = ("button.tp-menu", ".md-sidebar--primary")
SEARCH = ("button.tp-cerca", ".md-search__inner")


@dataclass
class PageResult:
    path: str
    violations: list[dict] = field(default_factory=list)
    review: list[dict] = field(default_factory=list)
    accepted: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    tab_stops: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations and not self.problems

    def add(self, kind: str, finding: dict, view: View) -> None:
        """Merge one engine finding: the same rule on the same page is one entry, with its views."""
        bucket = getattr(self, kind)
        for known in bucket:
            if (known["motore"], known["regola"], known["descrizione"]) == \
                    (finding["motore"], finding["regola"], finding["descrizione"]):
                known["viste"].append(view.label)
                known["elementi"] += [e for e in finding["elementi"] if e not in known["elementi"]][:10]
                return
        bucket.append({**finding, "viste": [view.label]})


@dataclass
class Report:
    pages: list[PageResult] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def count(self, engine: str, kind: str = "violations") -> int:
        return sum(1 for p in self.pages for v in getattr(p, kind) if v["motore"] == engine)

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
            "viste": [view.label for view in VIEWS],
            "violazioni": self.violations,
            "violazioni_per_motore": {e.key: self.count(e.key) for e in ENGINES},
            "da_verificare_per_motore": {e.key: self.count(e.key, "review") for e in ENGINES},
            "falsi_positivi_accettati": sum(len(p.accepted) for p in self.pages),
            "altri_problemi": self.problems,
            "richieste_esterne": self.external_requests,
            "dettaglio": [
                {"pagina": p.path, "violazioni": p.violations, "problemi": p.problems, "da_verificare": p.review,
                 "falsi_positivi_accettati": p.accepted, "fermate_tab": p.tab_stops} for p in self.pages
            ],
        }


class _QuietHandler(SimpleHTTPRequestHandler):
    extra: dict[str, bytes] = {}  # path -> content, served beside the folder (the engines' scripts)

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        content = self.extra.get(self.path)
        if content is None:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript; charset=utf-8")
        self.send_header("Content-Length", str(len(content)))
        # Cached: the browser compiles each engine once and reuses the code on every page.
        self.send_header("Cache-Control", "max-age=86400, immutable")
        self.end_headers()
        self.wfile.write(content)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the browser left a page before reading all of it: nothing to report


class LocalServer:
    """Serve a folder on 127.0.0.1 on a free port, in a thread, for the duration of a `with`."""

    def __init__(self, folder: Path, extra: dict[str, bytes] | None = None):
        handler = functools.partial(type("Handler", (_QuietHandler,), {"extra": extra or {}}), directory=str(folder))
        self.server = _QuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"

    def __enter__(self) -> "LocalServer":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


ENGINES_PATH = ".trasparenza-motori"  # where check_site serves the engines' scripts (never a built site's path)
TOGGLES = "pannelli del tema"  # in `walked`: the menu and search panels have been checked


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML page, as a reader would open them (folders for index.html)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        folder_page = rel == "index.html" or rel.endswith("/index.html")
        paths.append(rel[: -len("index.html")] if folder_page else rel)
    return paths


def launch(playwright):
    """Debian's Chromium, for Playwright's sync or async API (await the result with the latter)."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(
            f"Chromium non trovato in {CHROMIUM}: installa il pacchetto «chromium» "
            "(sudo apt-get install chromium) oppure indica il percorso in TRASPARENZA_CHROMIUM.")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def _is_local(url: str, base_url: str) -> bool:
    return url.startswith(base_url) or url.startswith(("data:", "blob:", "about:"))


def isolated_context(browser, base_url: str, blocked: list[str], **options):
    """(Sync API) A browser context where every request to another host is aborted and remembered."""
    context = browser.new_context(**options)

    def route(route_):
        if _is_local(route_.request.url, base_url):
            route_.continue_()
        else:
            blocked.append(route_.request.url)
            route_.abort()

    context.route("**/*", route)
    return context


def workers() -> int:
    wanted = os.environ.get("TRASPARENZA_A11Y_PARALLELI")
    return max(1, int(wanted)) if wanted and wanted.isdigit() else max(1, min(4, os.cpu_count() or 1))


def check_site(site: Path, progress: Callable[[int, int, PageResult], None] | None = None,
               tabs: int | None = None) -> Report:
    """Every page of a built site; ``tabs``: how many pages are checked at once (default: workers())."""
    return check_sites({"": site}, progress, tabs)[""]


def check_sites(sites: dict[str, Path], progress: Callable[[int, int, PageResult], None] | None = None,
                tabs: int | None = None) -> dict[str, Report]:
    """Every page of several built sites, a report each, in one browser and one queue: the largest pages of
    all the sites first, so the tabs finish together instead of waiting at the end of each site. The
    engines are served beside each site (a path no build writes) and loaded by URL: the browser compiles
    them once instead of on every page."""
    served = {f"/{ENGINES_PATH}/{key}.js": text.encode("utf-8") for key, text in engines.sources().items()}
    with contextlib.ExitStack() as stack:
        servers = {name: stack.enter_context(LocalServer(site, served)) for name, site in sites.items()}
        jobs = [Job(name, servers[name].url, path, _page_file(site, path).stat().st_size)
                for name, site in sites.items() for path in site_pages(site)]
        return _in_thread(lambda: _check_jobs(jobs, sorted(jobs, key=lambda job: -job.size), progress,
                                              tabs or workers(), by_url=True))


def _page_file(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"  # as site_pages names them


@dataclass(frozen=True)
class Job:
    site: str  # the report it goes to
    base_url: str
    path: str
    size: int = 0


def check_pages(base_url: str, paths: list[str], progress: Callable[[int, int, PageResult], None] | None = None,
                tabs: int | None = None) -> Report:
    """Check pages already served at `base_url` (a local server, `mkdocs serve`), in the order given."""
    jobs = [Job("", base_url, path) for path in paths]
    return _in_thread(lambda: _check_jobs(jobs, jobs, progress, tabs or workers(), by_url=False))[""]


def _in_thread(work):
    """Run the asynchronous check in a thread of its own: the caller may already be inside Playwright's sync
    API or an event loop."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["result"] = asyncio.run(work())
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


async def _check_jobs(jobs: list[Job], order: list[Job], progress, tabs: int, by_url: bool) -> dict[str, Report]:
    from playwright.async_api import async_playwright

    reports = {job.site: Report() for job in jobs}
    results: dict[Job, PageResult] = {}
    walked = {name: set() for name in reports}  # the keyboard walk: once per kind of page of each site
    sources = engines.sources()
    queue = list(reversed(order))
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            async def worker() -> None:
                current: list[Job] = []  # the page this tab is checking: its site's report gets its requests
                context = await browser.new_context(locale="it-IT")
                # Requests to other hosts are remembered from the browser's own request events (the proxy of
                # CHROMIUM_ARGS stops them): intercepting every request instead would cost a round trip to
                # this process for each file of each page, a tenth of the whole check.
                context.on("request", lambda request: None if not current or _is_local(request.url, current[0].base_url)
                           else reports[current[0].site].external_requests.append(request.url))
                page = await context.new_page()
                while queue:
                    job = queue.pop()
                    current[:] = [job]
                    scripts = ({key: job.base_url + f"{ENGINES_PATH}/{key}.js" for key in sources} if by_url
                               else sources)
                    result = await check_page(page, job.base_url, job.path, scripts, walked[job.site])
                    results[job] = result
                    if progress:
                        progress(len(results), len(jobs), result)
                await context.close()

            await asyncio.gather(*(worker() for _ in range(min(tabs, len(jobs)) or 1)))
        finally:
            await browser.close()
    for job in jobs:
        reports[job.site].pages.append(results[job])
    return reports


async def check_page(page, base_url: str, path: str, scripts: dict[str, str], walked: set) -> PageResult:
    """Every engine in every view, the structure checks, then the keyboard walk (async API)."""
    result = PageResult(path)
    url = base_url + path
    await page.set_viewport_size({"width": VIEWS[0].width, "height": VIEWS[0].height})
    # Reduced motion: the theme's transitions end at once, so every check sees the final state.
    await page.emulate_media(color_scheme=VIEWS[0].scheme, reduced_motion="reduce")
    await page.goto(url, wait_until="load")
    # The web fonts change the width of text (and so which tables scroll): check the page as it is read.
    await page.evaluate("() => document.fonts.ready.then(() => true)")
    await page.evaluate(engines.DESCRIBE_JS)
    await page.evaluate(keyboard.SETTLE_JS)
    for engine in ENGINES:
        script = scripts[engine.key]
        if script.startswith(("http://", "https://")):
            tag = await page.add_script_tag(url=script)
            await tag.evaluate("element => element.remove()")  # it has run: the page is checked as it was
        else:
            await page.evaluate(script)
    result.problems += await page.evaluate(STRUCTURE_JS)
    for view in VIEWS:
        await page.set_viewport_size({"width": view.width, "height": view.height})
        await page.emulate_media(color_scheme=view.scheme, reduced_motion="reduce")
        # The theme follows the system preference on its «change» event: wait for it, then for the transitions.
        try:
            await page.wait_for_function(SCHEME_JS + " === " + ('"slate"' if view.scheme == "dark" else '"default"'),
                                         timeout=2000)
        except Exception:
            pass  # reported just below
        await page.evaluate("async () => { await new Promise(r => requestAnimationFrame(r)); await SETTLE(); }")
        scheme = await page.evaluate(SCHEME_JS)
        if (view.scheme == "dark") != (scheme == "slate"):
            result.problems.append(f"{view.label}: la pagina non segue la preferenza di sistema per il tema "
                                   f"(schema applicato: {scheme})")
        for engine in ENGINES:
            found = await page.evaluate(engine.run_js, AXE_TAGS if engine.key == "axe" else None)
            for finding in found["violazioni"]:
                reason = accepted_rule(finding)
                if reason:
                    result.add("accepted", {**finding, "motivo": reason}, view)
                else:
                    result.add("violations", finding, view)
            for finding in found["da_verificare"]:
                if engine.key != "axe":
                    result.add("review", finding, view)
                elif reason := accepted_rule(finding, review=True):
                    result.add("accepted", {**finding, "motivo": reason}, view)
                else:  # axe's «needs review»: fixed or accepted reason by reason, never left unread
                    result.add("violations", finding, view)
        if view.scheme == "light":
            result.problems += [f"{view.label}: {problem}" for problem in await page.evaluate(REGIONS_JS)]
        if view.width == 320 and view.scheme == "light":
            overflow = await page.evaluate(OVERFLOW_JS)
            if overflow > 1:
                result.problems.append(f"a 320 px di larghezza la pagina scorre in orizzontale di {overflow} px")
    # The keyboard walk, at both widths, once per kind of page (theme/main.html marks it): pages of a kind
    # share their template, so their controls and tab stops too; every hand-written page is a kind of its own.
    kind = await page.evaluate(KIND_JS)
    if kind == "testo":
        kind = "testo:" + path
    if kind in walked:
        return result
    walked.add(kind)
    await page.emulate_media(color_scheme="light", reduced_motion="reduce")
    for width, height in ((1280, 900), (320, 640)):
        await page.set_viewport_size({"width": width, "height": height})
        where = f"tastiera a {width} px"
        problems, stops = await keyboard.walk(page, url, where)
        result.problems += problems
        result.tab_stops[f"{width} px"] = len(stops)
    # The menu and the search are the theme's, the same markup and script on every page: opening and closing
    # them from the keyboard is checked once per run (each kind of page still has its Tab walk, menu button included).
    if TOGGLES in walked:
        return result
    walked.add(TOGGLES)
    await page.set_viewport_size({"width": 320, "height": 640})
    for what, (button, panel), inside in (("menu", MENU, "drawer"), ("campo di ricerca", SEARCH, "search")):
        result.problems += await keyboard.check_toggle(page, url, "tastiera a 320 px", what, button, panel,
                                                            inside, inner_stops=12)
    return result


def iter_problems(report: Report) -> Iterator[str]:
    for page in report.pages:
        for v in page.violations:
            yield (f"/{page.path}: {v['motore']} {v['regola']} ({v['impatto']}): {v['descrizione']} – "
                   f"{'; '.join(v['elementi'])} [{', '.join(v['viste'])}]")
        for problem in page.problems:
            yield f"/{page.path}: {problem}"
    for url in report.external_requests:
        yield f"richiesta a un host esterno bloccata: {url}"
