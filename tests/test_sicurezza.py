"""Nothing lost, nothing leaked, nothing hangs: configuration mistakes and special files, on real builds.

Each case checks that nothing outside the site is deleted or written, that nothing secret is published,
that the build stops by its own limits (the tests' timeouts are generous), that the message is Italian and
names the file or the setting, and that the previously published site is byte-identical.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, build, write_site


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def published(tmp_path):
    """A site built once: its data, its published site, and their snapshots."""
    root = write_site(tmp_path / "progetto")
    assert build(root).returncode == 0
    return root, snapshot(root / "data"), snapshot(root / "site_build")


def _set(root: Path, line: str, value: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    key = line.split(":")[0]
    if f"\n{key}:" in text:
        text = "\n".join(value if current.startswith(f"{key}:") else current for current in text.split("\n"))
    else:
        text = value + "\n" + text
    config.write_text(text, encoding="utf-8")


def _option(root: Path, name: str, value: str) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      data_dir: 'data'\n",
                                                                 f"      data_dir: 'data'\n      {name}: '{value}'\n"),
                      encoding="utf-8")


def _add_to_ente(root: Path, line: str) -> None:
    ente = root / "data" / "ente.yaml"
    ente.write_text(ente.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trasparenza.cli", *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("setting, message", [
    ("site_dir: data", "mkdocs.yml:3:1: errore [site_dir]: «site_dir» (data) è «plugins.trasparenza.data_dir» (data)"),
    ("docs_dir: data", "mkdocs.yml:2:1: errore [docs_dir]: «docs_dir» (data) è «plugins.trasparenza.data_dir» (data)"),
    ("site_dir: data/sito",
     "mkdocs.yml:3:1: errore [site_dir]: «site_dir» (data/sito) è dentro «plugins.trasparenza.data_dir» (data)"),
    # MkDocs itself refuses these, in English, after loading the plugins: the Italian message comes first.
    ("site_dir: content", "mkdocs.yml:3:1: errore [site_dir]: «site_dir» (content) è «docs_dir» (content)"),
    ("docs_dir: ..", "mkdocs.yml:2:1: errore [docs_dir]: «docs_dir» (..) contiene la cartella del progetto"),
])
def test_folders_that_overlap_are_refused_before_anything_is_touched(published, setting, message):
    root, data, site = published
    _set(root, setting, setting)
    result = build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr[-2000:]
    assert snapshot(root / "data") == data and snapshot(root / "site_build") == site
    assert sorted(p.name for p in root.iterdir()) == ["content", "data", "mkdocs.yml", "site_build"]
    checked = cli("validate", ".", cwd=root)
    assert checked.returncode == 1 and message in checked.stdout, checked.stdout


@pytest.mark.parametrize("prefix", ["../..", "/tmp/fuori", "piao/../../x", "piao/"])
def test_a_prefix_never_writes_outside_the_site(published, tmp_path, prefix):
    root, data, site = published
    _option(root, "prefisso", prefix)
    result = build(root)
    assert result.returncode == 1
    assert f"errore [plugins.trasparenza.prefisso]: «prefisso» non valido: «{prefix}»" in result.stderr
    assert snapshot(root / "site_build") == site
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progetto"]
    assert not Path("/tmp/fuori").exists()


def test_a_data_folder_outside_the_project_is_refused(published):
    root, _, site = published
    _option(root, "data_dir", "/etc")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      data_dir: 'data'\n", ""), encoding="utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "«plugins.trasparenza.data_dir» (/etc) è fuori dalla cartella del progetto" in result.stderr
    assert snapshot(root / "site_build") == site


def test_a_site_folder_that_is_not_a_site_is_never_replaced(published, tmp_path):
    root, _, _ = published
    mine = tmp_path / "documenti"
    mine.mkdir()
    (mine / "lettera.txt").write_text("non cancellarmi", encoding="utf-8")
    result = build(root, "-d", str(mine))
    assert result.returncode == 1
    assert "contiene file che non vengono da una costruzione del sito" in result.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["lettera.txt"]
    not_atomic = write_site(tmp_path / "diretto", plugin={"build_atomica": False})
    result = build(not_atomic, "-d", str(mine))
    assert result.returncode == 1 and "MkDocs la svuoterebbe" in result.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["lettera.txt"]


def test_a_link_in_content_to_a_file_outside_the_project_is_not_published(published, tmp_path):
    root, _, site = published
    secret = tmp_path / "segreto.txt"
    secret.write_text("TOKEN=ghp_segretissimo", encoding="utf-8")
    (root / "content" / "ambiente.txt").symlink_to("/proc/self/environ")
    (root / "content" / "segreto.md").symlink_to(secret)
    result = build(root)
    assert result.returncode == 1
    assert "content/ambiente.txt:1:1: errore: il file è un collegamento a un file fuori da progetto/" in result.stderr
    assert "content/segreto.md:1:1: errore: il file è un collegamento" in result.stderr
    assert snapshot(root / "site_build") == site
    assert not any(b"ghp_segretissimo" in content for content in snapshot(root / "site_build").values())


def test_a_data_file_linked_outside_the_project_is_refused(published, tmp_path):
    root, _, site = published
    outside = tmp_path / "altro-ente.yaml"
    outside.write_text("denominazione: Comune Altro\n", encoding="utf-8")
    (root / "data" / "ente.yaml").unlink()
    (root / "data" / "ente.yaml").symlink_to(outside)
    result = build(root)
    assert result.returncode == 1
    assert "data/ente.yaml:1:1: errore: il file è un collegamento a un file fuori da progetto/" in result.stderr
    assert snapshot(root / "site_build") == site


@pytest.mark.parametrize("where", ["data/obiettivi/tubo.yaml", "content/tubo.md"])
def test_a_named_pipe_is_refused_without_hanging(published, where):
    root, _, site = published
    os.mkfifo(root / where)
    result = build(root)  # the helper's timeout (300 s) is far above the build's own time
    assert result.returncode == 1
    assert f"{where}:1:1: errore: il file non è un file normale" in result.stderr, result.stderr[-2000:]
    assert snapshot(root / "site_build") == site


def test_a_data_file_linked_to_a_device_is_refused_without_reading_it(published):
    root, _, site = published
    (root / "data" / "obiettivi" / "zero.yaml").symlink_to("/dev/zero")
    result = build(root)
    assert result.returncode == 1
    assert "data/obiettivi/zero.yaml:1:1: errore: il file non è un file normale" in result.stderr
    assert snapshot(root / "site_build") == site


DRAWING = '<path d="M2 2h36v24z" fill="#0066cc"/>'
HOSTILE_SVG = {
    "script-con-prefisso": f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">'
                           f'{DRAWING}<h:script>alert(document.domain)</h:script></svg>',
    "script-nell-entita": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY s "<script>alert(1)</script>">]>'
                          f'<svg xmlns="http://www.w3.org/2000/svg">{DRAWING}&s;</svg>',
    "link-javascript-codificato": f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                                  f'<a xlink:href="&#106;avascript:alert(1)">{DRAWING}</a>{DRAWING}</svg>',
    "import-css-remoto": f'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://esempio.invalid/x.css);'
                         f'</style>{DRAWING}</svg>',
    "onload-e-foreignobject": f'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">{DRAWING}<foreignObject>'
                              '<iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/></foreignObject></svg>',
    "use-esterno": f'<svg xmlns="http://www.w3.org/2000/svg">{DRAWING}<use href="https://esempio.invalid/a.svg#x"/>'
                   '<path style="fill:url(https://esempio.invalid/t)" d="M0 0h1v1z"/></svg>',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_SVG))
def test_a_hostile_coat_of_arms_is_cleaned_or_refused(published, name):
    root, _, site = published
    (root / "data" / "stemma.svg").write_text(HOSTILE_SVG[name], encoding="utf-8")
    _add_to_ente(root, "stemma: stemma.svg")
    result = build(root)
    if result.returncode != 0:  # refused: the previous site stays, the message says why
        assert "lo stemma non si può pubblicare" in result.stderr, result.stderr[-2000:]
        assert snapshot(root / "site_build") == site
        return
    published_svg = (root / "site_build/assets/stemma.svg").read_text(encoding="utf-8").lower()
    for danger in ("script", "onload", "javascript", "@import", "foreignobject", "iframe", "esempio.invalid",
                   "<!doctype", "<!entity"):
        assert danger not in published_svg, (danger, published_svg)
    assert "<path" in published_svg


def test_an_image_is_what_its_name_says(published):
    root, _, site = published
    (root / "data" / "stemma.png").write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    _add_to_ente(root, "stemma: stemma.png")
    result = build(root)
    assert result.returncode == 1
    assert "lo stemma non si può pubblicare: il contenuto del file non è un'immagine PNG" in result.stderr
    assert snapshot(root / "site_build") == site


def _workbook_with(tmp_path: Path, edit) -> Path:
    """The template workbook (`trasparenza esporta --modello`), changed by ``edit(workbook)``."""
    from openpyxl import load_workbook

    done = cli("esporta", "--modello", "m.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    workbook = load_workbook(tmp_path / "m.xlsx")
    edit(workbook)
    workbook.save(tmp_path / "m.xlsx")
    return tmp_path / "m.xlsx"


def _import_bounded(tmp_path: Path, workbook: Path) -> subprocess.CompletedProcess:
    """`trasparenza importa` with its peak memory: the limits of the code stop it, not the test's timeout."""
    # The peak of this process's own memory (VmHWM starts afresh at exec, unlike getrusage's ru_maxrss).
    script = ("import re, sys, runpy; sys.argv = ['trasparenza', 'importa', sys.argv[1], sys.argv[2]]\n"
              "try:\n    runpy.run_module('trasparenza.cli', run_name='__main__')\n"
              "finally:\n    status = open('/proc/self/status').read()\n"
              "    print('RSS', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n")
    return subprocess.run([sys.executable, "-c", script, str(workbook), str(tmp_path / "dati")], cwd=tmp_path,
                          env=ENV, capture_output=True, text=True, timeout=300)


def _peak_mb(result: subprocess.CompletedProcess) -> float:
    return int(result.stderr.rsplit("RSS ", 1)[1].split()[0]) / 1024


def test_a_sheet_with_one_value_in_its_last_row_is_refused_with_bounded_memory(tmp_path):
    workbook = _workbook_with(tmp_path, lambda wb: wb["obiettivi"].cell(row=1_048_576, column=1, value="x"))
    result = _import_bounded(tmp_path, workbook)
    assert result.returncode != 0
    assert "m.xlsx, foglio «obiettivi», cella A1: errore: il foglio dichiara 1048576 righe" in result.stdout + \
        result.stderr, result.stdout + result.stderr
    assert _peak_mb(result) < 300
    assert not (tmp_path / "dati").exists()


def test_a_workbook_that_expands_beyond_the_limit_is_refused_before_reading(tmp_path):
    import zipfile

    from openpyxl import Workbook

    Workbook().save(tmp_path / "bomba.xlsx")
    with zipfile.ZipFile(tmp_path / "bomba.xlsx", "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/vuoto.bin", "w", force_zip64=True) as inner:  # 250 MB of zeros, 250 kB packed
            for _ in range(250):
                inner.write(bytes(1024 * 1024))
    assert (tmp_path / "bomba.xlsx").stat().st_size < 2 * 1024 * 1024
    result = _import_bounded(tmp_path, tmp_path / "bomba.xlsx")
    assert result.returncode != 0
    assert "bomba.xlsx: errore: il file si espande a 250 MB (massimo 200 MB): non lo leggo" in result.stdout + \
        result.stderr, result.stdout + result.stderr
    assert _peak_mb(result) < 300


def test_a_long_section_of_table_captions_takes_linear_time(published):
    """30,000 «Tabella: …» paragraphs without a table took minutes (a caption's pattern ran on to every later
    paragraph); the build's own work is now linear, far inside the generous timeout of the build helper."""
    root, _, _ = published
    paragraphs = "\n\n".join(f"    Tabella: voce *{i}*" for i in range(30_000))
    (root / "data" / "sezioni").mkdir()
    (root / "data" / "sezioni" / "lunga.yaml").write_text(
        f"id: lunga\ntitolo: Sezione lunga\ntesto: |\n{paragraphs}\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Tabella: voce <em>29999</em>" in (root / "site_build/piao/2024-2026/lunga/index.html").read_text(encoding="utf-8")


def test_messages_cannot_be_forged_by_the_data(published):
    """A bad value with terminal escapes and a newline is quoted visibly, cut when long; no console line is
    forged, no escape sequence reaches the console."""
    root, _, site = published
    forged = "javascript:x\\nINFO    -  trasparenza: Sito pubblicato in /x" + "y" * 200  # (ESC: the next test)
    _add_to_ente(root, f'sito: "{forged}"')
    result = build(root)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x1b" not in result.stdout
    assert not any(line.startswith("INFO    -  trasparenza: Sito pubblicato") for line in result.stderr.splitlines())
    assert "«javascript:x\\nINFO    -  trasparenza: Sito pubblicato in /xyyy" in result.stderr and "…»" in result.stderr
    checked = cli("validate", ".", cwd=root)
    assert "\x1b" not in checked.stdout and not any(line.startswith("INFO") for line in checked.stdout.splitlines())
    assert snapshot(root / "site_build") == site


def test_control_characters_in_the_data_are_refused_where_they_are_written(published):
    root, _, site = published
    _add_to_ente(root, 'note: "Nota\\e[31m rossa\\x85fine\\x7f"')
    result = build(root)
    assert result.returncode == 1
    assert "data/ente.yaml:4:7: errore [note]: il testo contiene un carattere di controllo (\\x1b)" in result.stderr
    assert snapshot(root / "site_build") == site


def test_a_broken_save_in_the_preview_prints_no_python_warning(published):
    from conftest import Preview, fetch, wait_for

    root, _, _ = published
    with Preview(root) as preview:
        assert wait_for(lambda: fetch(preview.url) is not None, 60)
        ente = root / "data" / "ente.yaml"
        good = ente.read_text(encoding="utf-8")
        ente.write_text(good + "denominazione: [\n", encoding="utf-8")
        assert wait_for(lambda: "Anteprima ferma" in (fetch(preview.url, errors_too=True) or ""), 60)
        ente.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "Anteprima ferma" not in (fetch(preview.url, errors_too=True) or "Anteprima ferma"), 60)
    assert "DeprecationWarning" not in preview.output and "File \"" not in preview.output, preview.output


def test_importing_through_a_linked_folder_is_a_problem_not_an_internal_error(tmp_path):
    assert cli("esporta", "--modello", "m.xlsx", cwd=tmp_path).returncode == 0
    (tmp_path / "altrove").mkdir()
    (tmp_path / "dati").mkdir()
    (tmp_path / "dati" / "obiettivi").symlink_to(tmp_path / "altrove")
    done = cli("importa", "m.xlsx", "dati", cwd=tmp_path)
    assert done.returncode != 0
    assert "Errore interno" not in done.stdout + done.stderr
    assert "il file finirebbe fuori dalla cartella di destinazione" in done.stdout + done.stderr
    assert list((tmp_path / "altrove").iterdir()) == [] and list((tmp_path / "dati").iterdir()) == [
        tmp_path / "dati" / "obiettivi"]


def test_a_pipe_or_an_outside_link_in_the_theme_is_refused(published, tmp_path):
    import shutil

    from conftest import THEME

    root, _, site = published
    theme = root / "tema"
    shutil.copytree(THEME, theme)
    os.mkfifo(theme / "trasparenza" / "tubo.html")
    (tmp_path / "chiave.txt").write_text("segreto", encoding="utf-8")
    (theme / "assets" / "segreto.txt").symlink_to(tmp_path / "chiave.txt")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"custom_dir: {THEME}", "custom_dir: tema"),
                      encoding="utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "tema/trasparenza/tubo.html:1:1: errore: il file non è un file normale" in result.stderr, result.stderr[-3000:]
    assert "tema/assets/segreto.txt:1:1: errore: il file è un collegamento a un file fuori da tema/" in result.stderr
    assert snapshot(root / "site_build") == site


@pytest.mark.parametrize("pattern, text", [
    ("loader._COMMENT_AS_VALUE", lambda n: "k: #" + " " * n + "x"),
    ("types._PERCENT", lambda n: "1" + " " * n + "x"),
    ("search._INLINE_MARKS", lambda n: "a" + "_" * n + "b"),
    ("search._TAG", lambda n: "<" * n),
    ("targets._TAG", lambda n: "<a" * (n // 2)),
    ("text._TAGS", lambda n: "<" * n),
    ("opendata._TAG", lambda n: "<b " * (n // 3)),
])
def test_patterns_on_user_text_do_not_backtrack(pattern, text):
    """Timing-free: on input that made them quadratic, a pattern now finds its answer within a bounded number
    of steps, checked by running it on 200,000 characters in a process limited to 20 s of CPU (the quadratic
    versions needed hours at that size)."""
    module, name = pattern.split(".")
    script = (f"import resource, sys; sys.path.insert(0, {str(Path(__file__).parents[1] / 'plugins')!r})\n"
              "resource.setrlimit(resource.RLIMIT_CPU, (20, 20))\n"
              "from trasparenza.loading import reader as loader\n"
              "from trasparenza.render import search, text\n"
              "from trasparenza.analysis import targets\n"
              "from trasparenza.exports import datasets as opendata\n"
              "from trasparenza.model import types\n"
              f"p = {module}.{name}; s = sys.stdin.read(); p.search(s); p.sub('', s)\n")
    done = subprocess.run([sys.executable, "-c", script], input=text(200_000), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
