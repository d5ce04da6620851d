"""`trasparenza validate` runs the build's own checks, on a folder or on single files, in Italian;
the README and the command name the same options."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ENV, REPO, build, write_site

CORPUS = Path(__file__).parent / "ostili"
CASES = yaml.safe_load((CORPUS / "attese.yaml").read_text(encoding="utf-8"))
ISSUE = re.compile(r"^(?:\S+\s+-\s+trasparenza: )?(\S+:\d+:\d+: (?:errore|avviso)\b.*)$", re.M)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trasparenza.cli", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=120)


def issue_lines(output: str) -> set[str]:
    return set(ISSUE.findall(output))


def test_validate_and_build_agree_on_the_mandatory_accessibility_statement(tmp_path):
    root = write_site(tmp_path / "s", {"accessibilita.yaml": None})
    checked = cli("validate", cwd=root)
    built = build(root)
    assert checked.returncode == 1 and built.returncode != 0
    line = ("data/accessibilita.yaml:1:1: errore: manca la dichiarazione di accessibilità (file obbligatorio)")
    assert line in checked.stdout and line in built.stderr
    assert "Risultato: 1 errore, 0 avvisi, 2 da completare." in checked.stdout
    # An example site that opts out in mkdocs.yml is accepted by both.
    optout = write_site(tmp_path / "e", {"accessibilita.yaml": None}, plugin={"richiedi_dichiarazione": False})
    assert cli("validate", cwd=optout).returncode == 0
    assert build(optout).returncode == 0


@pytest.mark.parametrize("case", CASES[3::9], ids=[c["caso"] for c in CASES[3::9]])
def test_validate_reports_exactly_what_the_build_refuses(tmp_path, case):
    root = write_site(tmp_path / "s")
    target = root / "data" / case["destinazione"]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CORPUS / case["caso"], target)
    checked = cli("validate", "--rigoroso", cwd=root)
    built = build(root)
    assert checked.returncode == 1 and built.returncode != 0
    assert issue_lines(checked.stdout) == issue_lines(built.stderr) != set()
    assert "Traceback" not in checked.stdout + checked.stderr + built.stderr


def test_validate_a_hand_written_page_where_the_data_generates_one(tmp_path):
    root = write_site(tmp_path / "s")
    page = root / "content/piao/2024-2026/index.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Scritta a mano\n", encoding="utf-8")
    checked = cli("validate", cwd=root)
    assert checked.returncode == 1
    assert ("content/piao/2024-2026/index.md:1:1: errore: la pagina piao/2024-2026/index.md è generata dai dati"
            in checked.stdout)
    built = build(root)
    assert built.returncode != 0 and "la pagina piao/2024-2026/index.md è generata dai dati" in built.stderr


def test_validate_single_files_from_anywhere(tmp_path):
    root = write_site(tmp_path / "s")
    objectives = root / "data/obiettivi/area-servizi.yaml"
    ok = cli("validate", "data/obiettivi/area-servizi.yaml", "data/ente.yaml", cwd=root)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Controllati: data/ente.yaml, data/obiettivi/area-servizi.yaml" in ok.stdout
    assert "Risultato: 0 errori, 0 avvisi, 1 da completare." in ok.stdout
    # A mistake in the file checked, from another folder: the place and the cross-file checks.
    objectives.write_text(objectives.read_text().replace("obiettivo_strategico: scuola-inclusiva",
                                                         "obiettivo_strategico: scuola-inclusivaa"))
    wrong = cli("validate", str(objectives), cwd=tmp_path)
    assert wrong.returncode == 1
    assert "Progetto: s" in wrong.stdout
    assert "data/obiettivi/area-servizi.yaml:6:27: errore [obiettivi[1].obiettivo_strategico]" in wrong.stdout
    assert "forse intendevi «scuola-inclusiva»?" in wrong.stdout
    # Another file is fine: it passes, and the command says where the errors are.
    other = cli("validate", "data/ente.yaml", cwd=root)
    assert other.returncode == 0
    assert "Negli altri file del progetto: 1 errore, 0 avvisi; per vederli: trasparenza validate ." in other.stdout
    # The data folder itself, too.
    folder = cli("validate", "data", cwd=root)
    assert folder.returncode == 1 and "data/obiettivi/area-servizi.yaml:6:27" in folder.stdout


def test_validate_reads_the_plugin_options_from_mkdocs_yml(tmp_path):
    root = write_site(tmp_path / "s", {"accessibilita.yaml": None}, plugin={"data_dir": "dati", "richiedi_dichiarazione": False})
    (root / "data").rename(root / "dati")
    checked = cli("validate", cwd=root)
    assert checked.returncode == 0, checked.stdout
    assert "Dati letti da dati:" in checked.stdout


def test_validate_names_paths_that_are_not_data(tmp_path):
    root = write_site(tmp_path / "s")
    missing = cli("validate", "non-esiste", cwd=root)
    assert missing.returncode == 2 and "non-esiste: non esiste" in missing.stderr
    config = cli("validate", "mkdocs.yml", cwd=root)
    assert config.returncode == 2 and "mkdocs.yml: non è nella cartella dei dati (data/) del progetto" in config.stderr
    note = root / "nota.txt"
    note.write_text("x")
    assert "non è un file di dati YAML" in cli("validate", "nota.txt", cwd=root).stderr


ENGLISH = re.compile(r"\b(usage|error|argument|arguments|required|show this help|options|invalid choice|"
                     r"expected|unrecognized|positional)\b", re.I)


@pytest.mark.parametrize("args", [
    [], ["--help"], ["validate", "--help"], ["schema", "--help"], ["check-a11y", "--help"],
    ["sconosciuto"], ["validate", "--boh"], ["check-a11y", "--json"], ["--versione"],
])
def test_the_command_speaks_italian(tmp_path, args):
    result = cli(*args, cwd=tmp_path)
    output = result.stdout + result.stderr
    assert output.strip()
    assert not ENGLISH.findall(output), output
    if "--help" in args:
        assert result.returncode == 0 and output.startswith("uso: trasparenza")
    else:
        assert result.returncode == 2 and "trasparenza" in output and "errore:" in output


def test_readme_and_command_name_the_same_options():
    from trasparenza.cli.main import parser

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"trasparenza (validate|schema|check-a11y)((?: [^\s`]+)*)", readme)
    assert {name for name, _ in commands} >= {"validate", "schema", "check-a11y"}
    subcommands = {action.dest: action for action in parser()._subparsers._group_actions}["comando"].choices
    for name, rest in commands:
        known = {s for a in subcommands[name]._actions for s in a.option_strings}
        for option in re.findall(r"(--?[a-z][\w-]*)", rest):
            assert option in known, f"il README usa «trasparenza {name} {option}», che il comando non conosce"
    assert "trasparenza validate --rigoroso" in readme
    # The strict build is MkDocs' own option, named as such.
    assert "mkdocs build --strict" in readme


def test_source_text_must_exist_inside_the_project_and_stay_unpublished(tmp_path):
    piano = "titolo: P\ntriennio: 2024-2026\ndocumento_origine: Delibera\ntesto_origine: {}\n"
    root = write_site(tmp_path / "s", {"piano.yaml": piano.format("fonte.txt")})
    missing = cli("validate", cwd=root)
    assert missing.returncode == 1
    assert "data/piano.yaml:4:16: errore [testo_origine]: il file «fonte.txt» non esiste" in missing.stdout
    (root / "fonte.txt").write_text("testo del documento\n", encoding="utf-8")
    assert cli("validate", cwd=root).returncode == 0
    built = build(root)
    assert built.returncode == 0, built.stderr
    home = (root / "site_build/piao/2024-2026/index.html").read_text(encoding="utf-8")
    assert "nel file «fonte.txt»" in home and not list((root / "site_build").rglob("fonte.txt"))
    (root / "content/fonte.txt").write_text("testo\n", encoding="utf-8")
    (root / "data/piano.yaml").write_text(piano.format("content/fonte.txt"), encoding="utf-8")
    published = cli("validate", "--rigoroso", cwd=root)
    assert published.returncode == 1 and "avviso [testo_origine]" in published.stdout
    assert "verrebbe pubblicato" in published.stdout
    (root / "data/piano.yaml").write_text(piano.format("../fuori.txt"), encoding="utf-8")
    (tmp_path / "fuori.txt").write_text("x")
    outside = cli("validate", cwd=root)
    assert outside.returncode == 1 and "deve stare nella cartella del progetto" in outside.stdout


def test_plugin_options_in_mkdocs_yml_are_checked_as_mkdocs_does(tmp_path):
    root = write_site(tmp_path / "s", plugin={"colore": "rosso"})
    unknown = cli("validate", "--rigoroso", cwd=root)
    assert unknown.returncode == 1
    assert ("mkdocs.yml:14:7: avviso [plugins.trasparenza.colore]: opzione sconosciuta «colore» del plugin "
            "trasparenza") in unknown.stdout
    assert cli("validate", cwd=root).returncode == 0  # a warning, as in MkDocs…
    assert build(root).returncode != 0                # …which --strict refuses
    wrong = write_site(tmp_path / "t", plugin={"mostra_nomi_personale": "forse"})
    checked = cli("validate", cwd=wrong)
    assert checked.returncode == 1
    assert "errore [plugins.trasparenza.mostra_nomi_personale]: valore non valido" in checked.stdout
    assert "scrivi ad esempio «mostra_nomi_personale: false»" in checked.stdout
    assert build(wrong).returncode != 0
    env_root = write_site(tmp_path / "e")
    config = env_root / "mkdocs.yml"
    config.write_text(config.read_text().replace("data_dir: 'data'", "data_dir: !ENV [CARTELLA_DATI, 'data']"))
    (env_root / "data").rename(env_root / "dati")
    env = dict(ENV, CARTELLA_DATI="dati")
    checked = subprocess.run([sys.executable, "-m", "trasparenza.cli", "validate"], cwd=env_root, env=env,
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and "Dati letti da dati:" in checked.stdout, checked.stdout + checked.stderr


def test_validate_inside_a_subfolder_of_the_data(tmp_path):
    root = write_site(tmp_path / "s")
    inside = cli("validate", cwd=root / "data/obiettivi")
    assert inside.returncode == 0, inside.stdout
    assert "Controllati: area-servizi.yaml" in inside.stdout and "Risultato: 0 errori, 0 avvisi" in inside.stdout
    outside = cli("validate", "content", cwd=root)
    assert outside.returncode == 2 and "content: non è nella cartella dei dati (data/) del progetto" in outside.stderr


def test_validate_into_a_closed_pipe_and_its_version(tmp_path):
    root = write_site(tmp_path / "s", {"obiettivi/area-servizi.yaml": "obiettivi:\n" + "".join(
        f"  - {{id: o{n}, titolo: T, struttura: manca}}\n" for n in range(400))})
    piped = subprocess.run(f"{sys.executable} -m trasparenza.cli validate | head -n 1", shell=True, cwd=root,
                           env=ENV, capture_output=True, text=True, timeout=120)
    assert piped.stdout.count("\n") == 1 and "Errore interno" not in piped.stderr, piped.stderr
    version = cli("--version", cwd=root)
    assert version.returncode == 0 and version.stdout.startswith("trasparenza 0.")


def test_a_hand_written_page_that_is_not_utf8(tmp_path):
    root = write_site(tmp_path / "s")
    (root / "content/index.md").write_bytes("# Prova\n\nCittà di prova\n".encode("latin-1"))
    checked = cli("validate", cwd=root)
    assert checked.returncode == 1
    assert "content/index.md:3:5: errore: il file non è in codifica UTF-8" in checked.stdout
    built = build(root)
    assert built.returncode != 0 and "content/index.md:3:5" in built.stderr and "Traceback" not in built.stderr


def test_validate_where_there_is_no_project(tmp_path):
    (tmp_path / "altro").mkdir()
    (tmp_path / "altro/nota.yaml").write_text("x: 1\n")
    result = cli("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "non è un progetto (manca mkdocs.yml) né una cartella di dati" in result.stderr
