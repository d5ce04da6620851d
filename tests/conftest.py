"""Helpers: write a real site (data + mkdocs.yml) in a tmp dir and build it with MkDocs."""

from __future__ import annotations

import contextlib
import os
import signal
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
THEME = REPO / "theme"
# Deadlines (e.g. the yearly review of the accessibility statement) are measured on a fixed day.
OGGI = "2026-11-22"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", TRASPARENZA_OGGI=OGGI)

MINI = {
    "accessibilita.yaml": """
        url: https://form.agid.gov.it/view/prova-0000/
        sito: https://trasparenza.comune.prova.it
        stato_conformita: conforme
        redazione:
          data: 15/09/2024
          metodo: autovalutazione
          ultimo_riesame: 01/10/2026
        feedback:
          email: accessibilita@comune.prova.it
    """,
    "ente.yaml": """
        denominazione: Comune di Prova
        codice_istat: "012345"
        pec: protocollo@pec.comune.prova.it
    """,
    "piano.yaml": """
        titolo: Piano integrato di attività e organizzazione 2024-2026
        triennio: 2024-2026
        annualita: 2024
    """,
    "struttura.yaml": """
        strutture:
          - id: area-servizi
            tipo: area
            nome: Area servizi al cittadino
            dirigente:
              nome: dott.ssa Anna Rossi
          - id: ufficio-scuola
            tipo: servizio
            nome: Servizio istruzione
            parte_di: area-servizi
            responsabile:
              nome: Mario Bianchi
              qualifica: Responsabile E.Q.
    """,
    "valore-pubblico.yaml": """
        introduzione: Il valore pubblico del comune.
        indirizzi:
          - id: citta-che-cresce
            titolo: Una città che cresce
            obiettivi_strategici:
              - id: scuola-inclusiva
                codice: "1.05"
                titolo: Scuola inclusiva e di qualità
                missione: {codice: "12", denominazione: "Diritti sociali, politiche sociali e famiglia"}
                programma: {codice: "01", denominazione: "Interventi per l'infanzia e i minori e per asili nido"}
    """,
    "obiettivi/area-servizi.yaml": """
        struttura: area-servizi
        obiettivi:
          - id: mense-digitali
            codice: "1"
            titolo: Iscrizioni digitali alle mense
            obiettivo_strategico: scuola-inclusiva
            peso: 100
            finalita: Ridurre le code allo sportello.
            fasi:
              - codice: "1"
                descrizione: Analisi del servizio
                incidenza: 40%
                scadenza: 31/03/2024
              - codice: "2"
                descrizione: Avvio del modulo online
                incidenza: 60%
                scadenza: 30/09/2024
            indicatori:
              - nome: Domande presentate online
                tipo: quantità
                valore_atteso: "≥ 80%"
                target:
                  - {periodo: "2024", valore: "80%"}
                  - {periodo: "2025", valore: "90%"}
            personale:
              - {categoria: C, nome: Giulia Verdi, partecipazione: 70}
              - {categoria: D, nome: Luca Neri, partecipazione: 30}
            azioni_positive: [conciliazione]
          - id: biblioteca-aperta
            codice: "2"
            titolo: Biblioteca aperta il sabato
            struttura: ufficio-scuola
            peso: 100
            scadenza_finale: 31/12/2024
    """,
    "azioni-positive.yaml": """
        titolo: Piano delle azioni positive 2024-2026
        aree:
          - id: conciliazione-area
            titolo: Conciliazione vita-lavoro
            azioni:
              - id: conciliazione
                codice: "1.1"
                titolo: Orari flessibili
                soggetti_attuatori: Servizio personale e CUG
                destinatari: Tutte/i le/i dipendenti
                annualita: [1, 2, 3]
                indicatori:
                  - {descrizione: Numero di richieste accolte, annualita: [1, 2]}
    """,
}


def write_site(root: Path, files: dict[str, str | None] | None = None, *, plugin: dict | None = None,
               base: dict[str, str] = MINI) -> Path:
    """Write a site with MINI's data, overridden by ``files`` (None deletes a file)."""
    data = dict(base)
    data.update(files or {})
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / "index.md").write_text("# Prova\n\nSito di prova.\n", encoding="utf-8")
    for name, text in data.items():
        path = root / "data" / name
        if text is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    # The plan's PDF (Chromium, a second or more per build) only where a test asks for it: tests/test_pdf.py
    # and the repository's sites, whose own mkdocs.yml keeps the default.
    options = {"data_dir": "data", **(plugin or {})}
    options.setdefault("pdf", False)
    option_lines = "".join(f"      {k}: {v!r}\n".replace("True", "true").replace("False", "false")
                           for k, v in options.items())
    (root / "mkdocs.yml").write_text(
        "site_name: Prova\n"
        "docs_dir: content\n"
        "site_dir: site_build\n"
        "theme:\n"
        "  name: material\n"
        f"  custom_dir: {THEME}\n"
        "  language: it\n"
        "  font: false\n"
        "  features: [navigation.prune]\n"
        "plugins:\n"
        "  - search\n"
        "  - trasparenza:\n" + option_lines,
        encoding="utf-8",
    )
    return root


def mkdocs(root: Path, *args: str, config: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", *args, "-f", str(config or root / "mkdocs.yml")]
    return subprocess.run(command, cwd=root, env=ENV, capture_output=True, text=True, timeout=300)


def build(root: Path, *extra: str, config: Path | None = None) -> subprocess.CompletedProcess:
    return mkdocs(root, "build", "--strict", *extra, config=config)


class Page(HTMLParser):
    """What the tests read from a built page: links, ids, headings, tables, text."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[tuple[int, str]] = []
        self.tables: list[dict] = []
        self._heading: int | None = None
        self._text: list[str] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._table_stack: list[dict] = []
        self.text = ""
        self.feed(html)
        self.text = " ".join("".join(self._text).split())

    INLINE = {"a", "em", "i", "b", "strong", "span", "code", "sup", "sub", "u", "s", "abbr"}

    def handle_starttag(self, tag, attrs):
        if tag not in self.INLINE:
            self._text.append(" ")
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href") is not None:
            self.links.append(attributes["href"])
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = int(tag[1])
            self._heading_text: list[str] = []
        if tag == "table":
            table = {"caption": "", "rows": [], "scopes": []}
            self._table_stack.append(table)
            self.tables.append(table)
        if tag == "tr" and self._table_stack:
            self._row = []
        if tag in ("td", "th") and self._row is not None:
            self._cell = []
            if tag == "th":
                self._table_stack[-1]["scopes"].append(attributes.get("scope"))
        if tag == "caption":
            self._cell = []

    def handle_endtag(self, tag):
        if tag not in self.INLINE:
            self._text.append(" ")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading:
            self.headings.append((self._heading, " ".join("".join(self._heading_text).split())))
            self._heading = None
        if tag == "caption" and self._cell is not None and self._table_stack:
            self._table_stack[-1]["caption"] = " ".join("".join(self._cell).split())
            self._cell = None
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None and self._table_stack:
            self._table_stack[-1]["rows"].append(self._row)
            self._row = None
        if tag == "table" and self._table_stack:
            self._table_stack.pop()

    def handle_data(self, data):
        self._text.append(data)
        if self._heading:
            self._heading_text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def table(self, caption_start: str) -> dict:
        for table in self.tables:
            if table["caption"].startswith(caption_start):
                return table
        raise AssertionError(f"nessuna tabella con didascalia «{caption_start}»: "
                             f"{[t['caption'] for t in self.tables]}")


def page(site: Path, url: str) -> Page:
    path = site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url
    return Page(path.read_text(encoding="utf-8"))


def broken_links(site: Path) -> list[str]:
    """Every relative href of every page must point to an existing file (and anchor)."""
    problems = []
    cache: dict[Path, Page] = {}
    for html in site.rglob("*.html"):
        parsed = cache.setdefault(html, Page(html.read_text(encoding="utf-8")))
        for href in parsed.links:
            if href.startswith(("http://", "https://", "mailto:", "tel:", "javascript:")):
                continue
            target, _, anchor = href.partition("#")
            if target.startswith("/"):
                dest = (site / target.lstrip("/")).resolve()
            else:
                dest = html if not target else (html.parent / target).resolve()
            if dest.is_dir():
                dest = dest / "index.html"
            if not dest.exists():
                problems.append(f"{html.relative_to(site)} → {href}")
                continue
            if anchor:
                other = cache.setdefault(dest, Page(dest.read_text(encoding="utf-8")))
                if anchor not in other.ids:
                    problems.append(f"{html.relative_to(site)} → {href} (ancora mancante)")
    return problems


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, errors_too: bool = False) -> str | None:
    """The page at url, or None; with errors_too, also the body of a 404 or 500 answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8") if errors_too else None
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


class Preview:
    """A real `mkdocs serve --livereload` of a site on a free port; .output holds what it printed."""

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.output = ""

    def __enter__(self) -> "Preview":
        self.server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{self.port}", "-f",
             str(self.root / "mkdocs.yml")], cwd=self.root, env=ENV, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        return self

    def __exit__(self, *exc) -> None:
        self.server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary site
        try:
            self.output, _ = self.server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.output, _ = self.server.communicate()


# Every site of the repository, and «nuovo»: the one `trasparenza nuovo sito` writes, as generated.
SITE_NAMES = ["alessandria", "segrate", "leggiuno", "azioni-positive", "salute-organizzativa", "esempio", "piccolo-comune",
              "nuovo"]
NEW_SITE = ["--ente", "Comune di Roccaverde", "--ipa", "c_z999", "--codice-fiscale", "80012345678",
            "--triennio", "2026-2028", "--indirizzo", "https://trasparenza.roccaverde.example.org/"]


def project(name: str, folder: Path | None = None) -> Path:
    """A site of this repository: «alessandria» is the root, «nuovo» a new comune's site written by
    `trasparenza nuovo sito` in ``folder``, the others are examples/<name>."""
    if name == "nuovo":
        root = folder / "nuovo-sito"
        if not root.exists():
            done = subprocess.run([sys.executable, "-m", "trasparenza.cli", "nuovo", "sito", str(root), *NEW_SITE],
                                  capture_output=True, text=True, env=ENV, stdin=subprocess.DEVNULL)
            assert done.returncode == 0, done.stderr
        return root
    return REPO if name == "alessandria" else REPO / "examples" / name


# A shallow clone of this repository (some CI services make one) has no history to date pages from, and the
# build says so with a warning that a strict build refuses: there the sites are built from a copy that is a
# repository of one commit, dated as the clone's last commit (what the clone's history can honestly say).
SHALLOW = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--is-shallow-repository"], capture_output=True,
                         text=True).stdout.strip() == "true"


def _without_history(root: Path, copy: Path) -> Path:
    if not copy.exists():
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "site_build", "site_build.*", "examples", "tests", "bench", "plugins"))
        when = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%cI"], capture_output=True,
                              text=True).stdout.strip()
        env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="prove",
                   GIT_AUTHOR_EMAIL="prove@example.org", GIT_COMMITTER_NAME="prove",
                   GIT_COMMITTER_EMAIL="prove@example.org")
        for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "copia"]):
            subprocess.run(["git", "-C", str(copy), *command], check=True, env=env, capture_output=True)
    return copy


class Sites:
    """Each site of the repository built once per session (strictly), on demand, by whichever thread asks
    first: the tests and the accessibility gate running beside them (Gate) share the builds."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.lock = threading.Lock()
        self.locks: dict[str, threading.Lock] = {}
        self.sites: dict[str, Path] = {}

    def get(self, name: str) -> Path:
        with self.lock:
            lock = self.locks.setdefault(name, threading.Lock())
        with lock:
            if name not in self.sites:
                site = self.folder / name / "site"
                root = project(name, self.folder)
                if name != "nuovo" and SHALLOW:
                    root = _without_history(root, self.folder / name / "progetto")
                result = build(root, "-d", str(site), config=root / "mkdocs.yml")
                assert result.returncode == 0, result.stderr
                self.sites[name] = site
            return self.sites[name]


# The accessibility gate (tests/test_browser.py): every page of every site, checked in the browser from the
# start of the session in a thread of its own while the other tests run; its tests come last and read the
# reports. The gate keeps a browser busy on both cores of a CI machine for most of its time, the other tests
# mostly one process: side by side the run takes little more than the gate alone. Nothing is checked less.
GATE_TEST = "test_three_engines_and_the_keyboard_find_nothing_on_every_page"
# One page more than cores in the browser at once: while a page waits (a frame, the keyboard walk) another works.
GATE_TABS = len(os.sched_getaffinity(0)) + 1


class Gate:
    def __init__(self, sites: Sites, names: list[str]):
        self.sites, self.names = sites, names
        self.reports: dict[str, object] = {}
        self.done = {name: threading.Event() for name in names}
        self.thread = threading.Thread(target=self._run, name="gate", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from trasparenza.quality import a11y

        # Every site built first (a build that fails is that site's test's failure), then all their pages in
        # one queue: the tabs never wait at the end of a site.
        built = {}
        for name in self.names:
            try:
                built[name] = self.sites.get(name)
            except BaseException as exc:  # re-raised by the site's test
                self.reports[name] = exc
        try:
            self.reports.update(a11y.check_sites(built, tabs=GATE_TABS) if built else {})
        except BaseException as exc:
            self.reports.update({name: exc for name in built})
        for name in self.names:
            self.done[name].set()

    def report(self, name: str):
        self.done[name].wait()
        found = self.reports[name]
        if isinstance(found, BaseException):
            raise found
        return found


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected what will not run
def pytest_collection_modifyitems(session, config, items) -> None:
    """The gate's tests last (their reports are made meanwhile), and the gate started for the sites they check."""
    gate = [item for item in items if item.originalname == GATE_TEST]
    if not gate or config.option.collectonly:
        return
    items[:] = [item for item in items if item.originalname != GATE_TEST] + gate
    config.stash[SITES_KEY] = sites = Sites(Path(tempfile.mkdtemp(prefix="trasparenza-siti-")))
    config.stash[GATE_KEY] = Gate(sites, [item.callspec.params["name"] for item in gate])
    # The gate is the longest path of the run: the other tests leave it the cores first. This thread, and the
    # builds and commands it starts, run at a lower priority (Linux: per thread); the gate's thread, started
    # above, and its browser keep theirs.
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def pytest_sessionfinish(session) -> None:
    sites = session.config.stash.get(SITES_KEY, None)
    if sites is not None and sites.folder.name.startswith("trasparenza-siti-"):
        shutil.rmtree(sites.folder, ignore_errors=True)


SITES_KEY = pytest.StashKey[Sites]()
GATE_KEY = pytest.StashKey[Gate]()


@pytest.fixture(scope="session")
def built(request, tmp_path_factory):
    """Build each site of the repository once per session (strictly), on demand: built("segrate")."""
    sites = request.config.stash.get(SITES_KEY, None)
    if sites is None:
        sites = request.config.stash[SITES_KEY] = Sites(tmp_path_factory.mktemp("siti"))
    return sites.get


@pytest.fixture(scope="session")
def gate(request):
    """The accessibility gate's report of a site: gate("segrate") (see Gate)."""
    return request.config.stash[GATE_KEY].report


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    from trasparenza.quality import a11y

    with sync_playwright() as playwright:
        chromium = a11y.launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory):
    """MINI built once for the whole run: the tests that use it only read it."""
    root = write_site(tmp_path_factory.mktemp("mini") / "sito")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site_build"
