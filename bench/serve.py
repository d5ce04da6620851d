"""Edit-to-refresh in the preview: `mkdocs serve --livereload` on a copy of the repository's own site.

Run: .venv/bin/python bench/serve.py [--prove 5]   (or bench/run.py --serve)
Copies the root site (mkdocs.yml, data/, content/, theme/, schema/ and the source text named by
piano.yaml) to a temporary folder, starts the preview on a free port, opens one objective's page in
Debian's Chromium through Playwright, then changes that objective's titolo in its YAML file several
times and measures each time how long until the new title is visible (livereload reloads the page).
Last it checks that the page served after the edits has the same main content (<article>) as a full
`mkdocs build` of the same data.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml
from trasparenza.cli.argparse_it import italiano

REPO = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# What mkdocs.yml of the root site refers to: the data, the pages, the theme overrides; the schemas
# named by the data files' first line and the source text named by piano.yaml (testo_origine).
COPIED = ["mkdocs.yml", "data", "content", "theme", "schema"]
TITLE_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)titolo:\s*(?P<value>\S.*)$")
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
LIVERELOAD = re.compile(r"<script\b[^>]*>[^<]*livereload[^<]*</script>|<script\b[^>]*livereload[^>]*>\s*</script>",
                        re.S | re.I)
START_TIMEOUT = 180
REFRESH_TIMEOUT = 180


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.HTTPError, OSError):
        return None


def copy_site(dest: Path) -> None:
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, dest / name)
    origin = (yaml.safe_load((REPO / "data/piano.yaml").read_text(encoding="utf-8")) or {}).get("testo_origine") \
        if (REPO / "data/piano.yaml").is_file() else None
    if origin and (REPO / origin).is_file():
        shutil.copy2(REPO / origin, dest / origin)


def plan_folders(data: Path) -> list[tuple[str, Path]]:
    """(triennio, folder) of each plan: data/ itself, or data/piani/<triennio>/."""
    if (data / "piani").is_dir():
        return [(folder.name, folder) for folder in sorted((data / "piani").iterdir()) if folder.is_dir()]
    triennio = (yaml.safe_load((data / "piano.yaml").read_text(encoding="utf-8")) or {}).get("triennio")
    return [(str(triennio), data)]


def retitled(text: str, line_number: int, title: str) -> str:
    lines = text.splitlines(keepends=True)
    match = TITLE_LINE.match(lines[line_number].rstrip("\n"))
    lines[line_number] = f"{match['lead']}titolo: {yaml.safe_dump(title, allow_unicode=True, width=10**6).splitlines()[0]}\n"
    return "".join(lines)


def pick_objective(data: Path) -> tuple[Path, int, str, str, str]:
    """An objective whose titolo is on one line, so that rewriting that line changes only its title:
    (file, line index, triennio, id, original title)."""
    for triennio, folder in plan_folders(data):
        for path in sorted((folder / "obiettivi").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            before = yaml.safe_load(text)
            for number, line in enumerate(text.splitlines()):
                if not TITLE_LINE.match(line):
                    continue
                probe = "Titolo di prova del benchmark"
                after = yaml.safe_load(retitled(text, number, probe))
                changed = [(a, b) for a, b in zip(before.get("obiettivi", []), after.get("obiettivi", [])) if a != b]
                if len(changed) == 1 and changed[0][1].get("titolo") == probe and \
                        {**changed[0][1], "titolo": changed[0][0].get("titolo")} == changed[0][0]:
                    return path, number, triennio, changed[0][0]["id"], changed[0][0]["titolo"]
    raise SystemExit("Nessun obiettivo con il titolo su una riga sola nei dati del sito.")


def article(html: str) -> str:
    found = ARTICLE.search(LIVERELOAD.sub("", html))
    return found.group(0) if found else ""


def main(argv: list[str] | None = None) -> dict:
    with italiano():
        cli = argparse.ArgumentParser(prog="serve.py", description="Misura il tempo tra la modifica di un file di "
                                      "dati e la pagina aggiornata nell'anteprima (mkdocs serve --livereload).")
        cli.add_argument("--prove", type=int, default=5, help="quante modifiche misurare (predefinito: 5)")
        args = cli.parse_args(argv if argv is not None else [])
        if args.prove < 1:
            cli.error("--prove deve essere almeno 1")
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium non trovato in {CHROMIUM}: installa il pacchetto «chromium» (make chromium).")
    with tempfile.TemporaryDirectory(prefix="trasparenza-serve-") as tmp:
        root = Path(tmp) / "sito"
        root.mkdir()
        copy_site(root)
        path, line, triennio, ident, original = pick_objective(root / "data")
        port = free_port()
        url = f"http://127.0.0.1:{port}/piao/{triennio}/obiettivi/{ident}/"
        log(f"Anteprima del sito del repository (copia in {root}) su http://127.0.0.1:{port}/; "
            f"obiettivo «{ident}» in {path.relative_to(root)}")
        output = root.parent / "serve.log"
        with output.open("w") as sink:
            server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload",
                                       "-a", f"127.0.0.1:{port}"], cwd=root, env=ENV, stdin=subprocess.DEVNULL,
                                      stdout=sink, stderr=subprocess.STDOUT)
        try:
            start = time.perf_counter()
            while fetch(url) is None:
                if server.poll() is not None or time.perf_counter() - start > START_TIMEOUT:
                    raise SystemExit(f"L'anteprima non risponde su {url}:\n{output.read_text()[-3000:]}")
                time.sleep(0.3)
            log(f"  anteprima pronta in {time.perf_counter() - start:.1f} s")
            times = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page()
                    page.goto(url)
                    page.locator("h1").first.wait_for(state="visible")
                    for k in range(1, args.prove + 1):
                        marker = f"modifica {k} del benchmark"
                        text = path.read_text(encoding="utf-8")
                        path.write_text(retitled(text, line, f"{original} – {marker}"), encoding="utf-8")
                        edited = time.perf_counter()
                        page.locator("h1", has_text=marker).wait_for(state="visible", timeout=REFRESH_TIMEOUT * 1000)
                        times.append(time.perf_counter() - edited)
                        log(f"  modifica {k}/{args.prove}: titolo nuovo visibile dopo {times[-1]:.2f} s")
                finally:
                    browser.close()
            served = fetch(url) or ""
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary site
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        # mkdocs serve sets site_url to its own address (the plugin writes it in the pages' address and in
        # the open data): the full build gets the same site_url, everything else from the site's mkdocs.yml.
        full = Path(tmp) / "completo"
        config = root / "mkdocs-confronto.yml"
        config.write_text(f"INHERIT: mkdocs.yml\nsite_url: http://127.0.0.1:{port}/\n", encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(full)],
                                cwd=root, env=ENV, capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"mkdocs build non è riuscito:\n{result.stderr}")
        built = (full / "piao" / triennio / "obiettivi" / ident / "index.html").read_text(encoding="utf-8")
        served_article, built_article = article(served), article(built)
        same = marker in served_article and served_article == built_article
    median, worst = statistics.median(times), max(times)
    seconds = lambda value: f"{value:.2f}".replace(".", ",")  # noqa: E731 - Italian decimal comma
    print(f"\nAnteprima (mkdocs serve --livereload) del sito del repository, obiettivo «{ident}»: dalla modifica del "
          f"titolo nel file YAML al titolo nuovo visibile nella pagina, {len(times)} prove: mediana "
          f"{seconds(median)} s, massimo {seconds(worst)} s.")
    if same:
        print("La pagina dell'anteprima dopo le modifiche è uguale a quella di mkdocs build (contenuto <article>).")
    else:
        print("ATTENZIONE: la pagina dell'anteprima dopo le modifiche è diversa da quella di mkdocs build "
              "(contenuto <article>):")
        diff = difflib.unified_diff(built_article.splitlines(), served_article.splitlines(), "mkdocs build",
                                    "mkdocs serve", lineterm="", n=1)
        print("\n".join(list(diff)[:60]))
    return {"obiettivo": ident, "secondi": times, "mediana": median, "massimo": worst, "uguale_a_build": same}


if __name__ == "__main__":
    main(sys.argv[1:])
