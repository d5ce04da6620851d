"""Publishing: a failed build leaves site_build/ as it was; `mkdocs serve` reloads on data changes."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import signal
import subprocess
import textwrap
import sys
from pathlib import Path

import pytest

from conftest import ENV, Page, Preview, build, fetch, mkdocs, wait_for, write_site


def snapshot(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    site = root / "site_build"
    before = snapshot(site)
    assert len(before) > 20

    # A data error (stops before anything is written)…
    (root / "data/piano.yaml").write_text("titolo: P\ntriennio: 2024\n", encoding="utf-8")
    failed = build(root)
    assert failed.returncode != 0 and "data/piano.yaml:2:11" in failed.stderr
    assert snapshot(site) == before

    # …and a warning in strict mode (stops after the pages were rendered).
    (root / "data/piano.yaml").write_text("titolo: P\ntriennio: 2024-2026\n", encoding="utf-8")
    (root / "content/rotto.md").write_text("[link](non-esiste.md)\n", encoding="utf-8")
    warned = build(root)
    assert warned.returncode != 0
    assert snapshot(site) == before
    assert sorted(p.name for p in root.iterdir()) == ["content", "data", "mkdocs.yml", "site_build"]


def test_successful_build_replaces_the_site(tmp_path):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    (root / "site_build" / "vecchio.html").write_text("resto di una build precedente")
    (root / "data/ente.yaml").write_text("denominazione: Comune Nuovo\n", encoding="utf-8")
    assert build(root).returncode == 0
    assert not (root / "site_build" / "vecchio.html").exists()
    assert "Comune Nuovo" in (root / "site_build/piao/2024-2026/index.html").read_text()


def test_serve_rebuilds_when_data_changes(tmp_path):
    root = write_site(tmp_path / "s")
    with Preview(root) as preview:
        url = preview.url + "piao/2024-2026/obiettivi/mense-digitali/"
        assert wait_for(lambda: "Iscrizioni digitali alle mense" in (fetch(url) or ""), 60), "serve non partito"
        path = root / "data/obiettivi/area-servizi.yaml"
        path.write_text(path.read_text().replace("Iscrizioni digitali alle mense", "Iscrizioni online alle mense"))
        assert wait_for(lambda: "Iscrizioni online alle mense" in (fetch(url) or ""), 60), "nessuna ricostruzione"
    assert "Building documentation" in preview.output


# --- the preview explains instead of hanging ---

TAB_LINE = 4  # «    codice: "1"» of the first objective in conftest.MINI


def test_preview_turns_every_page_into_the_list_of_errors_and_comes_back_by_itself(tmp_path):
    root = write_site(tmp_path / "s")
    path = root / "data/obiettivi/area-servizi.yaml"
    good = path.read_text()
    assert good.splitlines()[TAB_LINE - 1] == '    codice: "1"'
    with Preview(root) as preview:
        url = preview.url + "piao/2024-2026/obiettivi/mense-digitali/"
        assert wait_for(lambda: "Iscrizioni digitali alle mense" in (fetch(url) or ""), 60), "serve non partito"
        path.write_text(good.replace('    codice: "1"', '\tcodice: "1"', 1))
        assert wait_for(lambda: "Anteprima ferma" in (fetch(url) or ""), 60), "la pagina non spiega l'errore"
        html = fetch(url)
        shown = Page(html)
        place = f"data/obiettivi/area-servizi.yaml:{TAB_LINE}:1"
        assert place in shown.text
        assert f"riga {TAB_LINE}, colonna 1" in shown.text
        assert "Errore: c'è un carattere di tabulazione: YAML accetta solo spazi per rientrare" in shown.text
        assert "Come correggere: sostituisci i tab con spazi (2 per livello)" in shown.text
        assert shown.headings[0] == (1, "Anteprima ferma: i dati contengono 1 errore")
        assert "<title>Anteprima ferma: dati da correggere" in html
        assert "livereload" in html  # MkDocs' script: the page reloads by itself after the next save
        # Every address explains: the home page, an index, an address that does not exist.
        for other in ("", "piao/2024-2026/", "piao/2024-2026/obiettivi/", "non-esiste/"):
            assert place in Page(fetch(preview.url + other, errors_too=True) or "").text, other
        path.write_text(good)
        assert wait_for(lambda: "Iscrizioni digitali alle mense" in (fetch(url) or ""), 60), "l'anteprima non è tornata"
        assert "Anteprima ferma" not in fetch(url)
    # The terminal says the same, in Italian; MkDocs' "stuck" message never appears.
    assert f"{place}: errore: c'è un carattere di tabulazione" in preview.output
    assert "come correggere: sostituisci i tab con spazi" in preview.output
    assert "Anteprima ferma per 1 errore nei dati" in preview.output
    assert "appear stuck" not in preview.output and "Traceback" not in preview.output


def test_preview_starts_with_wrong_data_even_in_strict_mode(tmp_path):
    root = write_site(tmp_path / "s", {"ente.yaml": "denominazione: [Comune\n"})
    config = root / "mkdocs.yml"
    config.write_text("strict: true\n" + config.read_text())
    with Preview(root) as preview:
        assert wait_for(lambda: "Anteprima ferma" in (fetch(preview.url) or ""), 60), preview.output
        home = Page(fetch(preview.url))
        assert "data/ente.yaml:1:16" in home.text and "parentesi non chiusa" in home.text
        (root / "data/ente.yaml").write_text("denominazione: Comune di Prova\n")
        assert wait_for(lambda: "Sito di prova" in (fetch(preview.url) or ""), 60), preview.output
        plan = fetch(preview.url + "piao/2024-2026/")
        assert plan and "Comune di Prova" in plan
    assert "Traceback" not in preview.output and "Aborted" not in preview.output


def test_preview_shows_the_warnings_a_strict_build_would_refuse(tmp_path):
    root = write_site(tmp_path / "s")
    out_of_period(root)
    with Preview(root) as preview:
        url = preview.url + "piao/2024-2026/obiettivi/mense-digitali/"
        assert wait_for(lambda: "Iscrizioni digitali alle mense" in (fetch(url) or ""), 60), "serve non partito"
        shown = Page(fetch(url)).text
        assert "Anteprima: 1 avviso nei dati." in shown
        assert "data/obiettivi/area-servizi.yaml:17:19" in shown and "fuori dal periodo del piano" in shown
    assert "avviso [obiettivi[1].fasi[2].scadenza]: la data 30/11/2027 è fuori dal periodo del piano" in preview.output
    # A build never shows the preview's box.
    assert build(root).returncode != 0
    assert mkdocs(root, "build").returncode == 0
    assert "Anteprima" not in (root / "site_build/piao/2024-2026/obiettivi/mense-digitali/index.html").read_text()


# --- publication is a transaction ---

HOOK_WARNING = """
import logging
log = logging.getLogger("mkdocs.plugins.altro")

def on_post_build(config):
    log.warning("avviso di un altro plugin, dopo che ogni pagina è stata scritta")
"""
HOOK_CRASH = """
def on_post_build(config):
    raise RuntimeError("un altro plugin si è rotto")
"""
HOOK_SLOW = """
import os, pathlib, time

def on_post_build(config):
    if "SEGNALE" not in os.environ:
        return
    marker = pathlib.Path(os.environ["SEGNALE"])
    marker.write_text(config.site_dir)
    time.sleep(float(os.environ.get("ATTESA", "0")))
"""


def add_hook(root: Path, source: str) -> None:
    (root / "gancio.py").write_text(source, encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - gancio.py\n")


def out_of_period(root: Path) -> None:
    """A phase deadline outside 2024-2026: a warning from our data checks."""
    path = root / "data/obiettivi/area-servizi.yaml"
    path.write_text(path.read_text().replace("scadenza: 30/09/2024", "scadenza: 30/11/2027"))


def mkdocs_warning(root: Path) -> None:
    (root / "content/rotto.md").write_text("[link](non-esiste.md)\n", encoding="utf-8")


def theme_warning(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n  static_templates: [manca.html]\n"))


def search_plugin_warning(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - search\n", "  - search:\n      jieba_dict: manca.txt\n"))


SOURCES = {
    "dati": (out_of_period, "fuori dal periodo del piano"),
    "mkdocs": (mkdocs_warning, "non-esiste.md"),
    "tema": (theme_warning, "manca.html"),
    "plugin-ricerca": (search_plugin_warning, "manca.txt"),
    "altro-plugin": (lambda root: add_hook(root, HOOK_WARNING), "avviso di un altro plugin"),
}


@pytest.mark.parametrize("source", list(SOURCES))
def test_strict_warning_from_any_source_publishes_nothing(tmp_path, source):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    site = root / "site_build"
    before = snapshot(site)
    change, text = SOURCES[source]
    change(root)
    result = build(root)
    assert result.returncode != 0
    assert text in result.stderr
    assert "Sito non pubblicato: " in result.stderr and "resta com'era" in result.stderr
    assert "Sito pubblicato" not in result.stderr
    assert snapshot(site) == before
    assert leftovers(root) == []
    # Without --strict a warning does not stop publication.
    relaxed = mkdocs(root, "build")
    assert relaxed.returncode == 0 and "Sito pubblicato in" in relaxed.stderr


def test_crash_of_another_plugin_publishes_nothing(tmp_path):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    before = snapshot(root / "site_build")
    add_hook(root, HOOK_CRASH)
    result = mkdocs(root, "build")  # not even strict
    assert result.returncode != 0
    assert ("Costruzione fallita: un componente della costruzione si è interrotto (RuntimeError: un altro plugin "
            "si è rotto). Sito non pubblicato: ") in result.stderr
    assert "Traceback" not in result.stderr
    verbose = mkdocs(root, "build", "--verbose")  # the technical details, for whoever asks
    assert verbose.returncode != 0 and "Traceback" in verbose.stderr and "Sito non pubblicato" in verbose.stderr
    assert snapshot(root / "site_build") == before
    assert leftovers(root) == []


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("site_build."))


def test_two_builds_at_once_take_turns_and_publish_one_complete_site(tmp_path):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    expected = sorted(snapshot(root / "site_build"))
    add_hook(root, HOOK_SLOW)  # each build lingers 2 s after writing its pages: the two surely overlap
    env = dict(ENV, ATTESA="2")
    runs = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, text=True,
                             env=dict(env, SEGNALE=str(tmp_path / f"segnale-{n}")),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for n in range(3)]
    outputs = [run.communicate(timeout=180)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert not any("Traceback" in out for out in outputs), outputs
    assert sum("Un'altra costruzione sta pubblicando nella cartella" in out for out in outputs) >= 1, outputs
    assert all("Sito pubblicato in" in out for out in outputs)
    assert sorted(snapshot(root / "site_build")) == expected
    assert leftovers(root) == []


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["SIGKILL", "SIGTERM", "SIGINT"])
def test_build_killed_half_way_leaves_the_previous_site_and_nothing_that_trips_the_next(tmp_path, signum):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    before = snapshot(root / "site_build")
    add_hook(root, HOOK_SLOW)
    marker = tmp_path / "segnale"
    env = dict(ENV, SEGNALE=str(marker), ATTESA="60")
    (root / "data/ente.yaml").write_text("denominazione: Comune Nuovo\n", encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert wait_for(marker.exists, 120), "la costruzione non è arrivata alla fine delle pagine"
    staging = Path(marker.read_text())
    assert staging.parent == root and staging.is_dir() and any(staging.rglob("*.html"))
    run.send_signal(signum)
    output, _ = run.communicate(timeout=30)
    assert run.returncode != 0
    assert snapshot(root / "site_build") == before
    if signum == signal.SIGKILL:
        assert leftovers(root) == [staging.name]  # what the killed build left…
    else:  # a CI job cancelled, or Ctrl-C: the build tidies up and says so
        assert leftovers(root) == []
        assert "Costruzione interrotta: sito non pubblicato" in output and "Traceback" not in output
    result = mkdocs(root, "build", "--strict", "--quiet")  # …does not trip the next one, which clears it
    assert result.returncode == 0, result.stderr
    assert leftovers(root) == []
    assert "Comune Nuovo" in (root / "site_build/piao/2024-2026/index.html").read_text()


def test_interrupted_swap_puts_the_previous_site_back(tmp_path):
    """A swap killed between its two renames (systems without an atomic exchange) leaves the old site
    aside: the next build, even a failing one, puts it back first."""
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    before = snapshot(root / "site_build")
    (root / "site_build").rename(root / "site_build.precedente-1234-0a1b2c3d")
    (root / "site_build.in-costruzione-1234-0a1b2c3d").mkdir()
    (root / "data/piano.yaml").write_text("titolo: P\ntriennio: 2024\n", encoding="utf-8")
    result = build(root)
    assert result.returncode != 0 and "data/piano.yaml:2:11" in result.stderr
    assert "Ripristinato il sito pubblicato" in result.stderr
    assert snapshot(root / "site_build") == before
    assert leftovers(root) == []


def test_hidden_files_of_the_published_folder_are_kept(tmp_path):
    """Like MkDocs' own cleaning, publication keeps what is hidden in site_build/ (a deployment's .git,
    an .htaccess): they are not the build's to remove."""
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    site = root / "site_build"
    (site / ".git").mkdir()
    (site / ".git/HEAD").write_text("ref: refs/heads/main\n")
    (site / ".htaccess").write_text("ErrorDocument 404 /404.html\n")
    (root / "data/ente.yaml").write_text("denominazione: Comune Nuovo\n", encoding="utf-8")
    assert build(root).returncode == 0
    assert "Comune Nuovo" in (site / "piao/2024-2026/index.html").read_text()
    assert (site / ".git/HEAD").read_text() == "ref: refs/heads/main\n"
    assert (site / ".htaccess").is_file()
    assert leftovers(root) == []


def test_only_its_own_leftovers_are_cleared(tmp_path):
    """A user's backup named like the build's folders is never deleted nor put back."""
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    backups = ["site_build.precedente", "site_build.precedente-2024", "site_build.in-costruzione-mia-copia"]
    for name in backups:
        shutil.copytree(root / "site_build", root / name)
    assert build(root).returncode == 0
    assert leftovers(root) == sorted(backups)
    shutil.rmtree(root / "site_build")
    (root / "data/piano.yaml").write_text("titolo: P\ntriennio: 2024\n", encoding="utf-8")
    assert build(root).returncode != 0
    assert not (root / "site_build").exists() and leftovers(root) == sorted(backups)


def test_the_published_folder_keeps_its_permissions_and_group(tmp_path):
    root = write_site(tmp_path / "s")
    assert build(root).returncode == 0
    site = root / "site_build"
    # Root may give any group (here a web server's); another user one of its own.
    group = 33 if os.geteuid() == 0 else next((g for g in os.getgroups() if g != os.getegid()), os.getegid())
    os.chown(site, -1, group)
    os.chmod(site, 0o2770)
    assert build(root).returncode == 0
    info = site.stat()
    assert (stat.S_IMODE(info.st_mode), info.st_gid) == (0o2770, group)
    assert (site / "piao").stat().st_gid == group  # setgid: what the build writes inherits the group


def test_preview_follows_the_data_folder_when_it_goes_and_comes_back(tmp_path):
    root = write_site(tmp_path / "s")
    with Preview(root) as preview:
        url = preview.url + "piao/2024-2026/obiettivi/mense-digitali/"
        assert wait_for(lambda: "Iscrizioni digitali alle mense" in (fetch(url) or ""), 60), "serve non partito"
        (root / "data").rename(tmp_path / "cestino")  # moved to the bin
        assert wait_for(lambda: "la cartella dei dati non esiste" in (fetch(url) or ""), 60), "nessuna spiegazione"
        (tmp_path / "cestino").rename(root / "data")  # and back
        assert wait_for(lambda: "Iscrizioni digitali alle mense" in (fetch(url) or ""), 60), "non è tornata"
        path = root / "data/obiettivi/area-servizi.yaml"
        path.write_text(path.read_text().replace("Iscrizioni digitali alle mense", "Iscrizioni online alle mense"))
        assert wait_for(lambda: "Iscrizioni online alle mense" in (fetch(url) or ""), 60), "modifica non vista"


def test_preview_of_a_hand_written_page_that_is_not_utf8(tmp_path):
    root = write_site(tmp_path / "s")
    with Preview(root) as preview:
        assert wait_for(lambda: "Sito di prova" in (fetch(preview.url) or ""), 60), "serve non partito"
        (root / "content/index.md").write_bytes("# Prova\n\nCittà di prova\n".encode("latin-1"))
        assert wait_for(lambda: "content/index.md:3:5" in (fetch(preview.url) or ""), 60), "l'anteprima è bloccata"
        (root / "content/index.md").write_text("# Prova\n\nSito di prova, di nuovo\n", encoding="utf-8")
        assert wait_for(lambda: "Sito di prova, di nuovo" in (fetch(preview.url) or ""), 60), "non è tornata"
    assert "Traceback" not in preview.output and "appear stuck" not in preview.output


def test_builds_from_a_script_never_wait_for_themselves(tmp_path):
    """A script may build twice in one process, the second time without MkDocs' startup and shutdown
    events: that build writes in place (no transaction to finish) and does not wait for the first."""
    root = write_site(tmp_path / "s")
    script = textwrap.dedent(f"""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        first = load_config({str(root / "mkdocs.yml")!r})
        first.plugins.on_startup(command="build", dirty=False)
        build(first)
        first.plugins.on_shutdown()
        build(load_config({str(root / "mkdocs.yml")!r}))
        print("fatto")
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=root, env=ENV, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0 and "fatto" in result.stdout, result.stderr
    assert "attendo" not in result.stderr
    assert (root / "site_build/piao/2024-2026/index.html").is_file() and leftovers(root) == []
