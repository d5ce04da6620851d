"""A new comune in one command: `trasparenza nuovo sito` writes a site repository of that ente only, which
builds strictly as generated; the CI templates' commands run in a clone of it, with dates from history;
nothing of another ente or of the examples is ever written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ENV, NEW_SITE, REPO, build, page, project

VENV_BIN = Path(sys.executable).parent


def trasparenza(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trasparenza.cli", *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL)


def other_entes() -> set[str]:
    """Every ente the repository's sites and the spreadsheet template name."""
    names = set()
    for ente in [REPO / "data/ente.yaml", *REPO.glob("examples/*/data/ente.yaml"),
                 REPO / "plugins/trasparenza/exports/sample_plan/ente.yaml"]:
        data = yaml.safe_load(ente.read_text(encoding="utf-8")) or {}
        for key in ("denominazione", "sito", "email", "pec", "codice_fiscale"):
            if data.get(key):
                names.add(str(data[key]))
    names |= {"Alessandria", "Segrate", "Leggiuno", "Comune di Esempio", "Comune di Modello"}
    return names


def test_a_new_site_holds_only_its_ente_and_builds_strictly(tmp_path):
    root = project("nuovo", tmp_path)
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert [f for f in files if not f.startswith("schema/")] == [
        ".github/workflows/pubblica-sul-server.yml", ".github/workflows/pubblica.yml", ".gitignore", ".gitlab-ci.yml",
        "Makefile", "README.md", "content/index.md", "data/ente.yaml", "data/piano.yaml", "data/struttura.yaml",
        "mkdocs.yml", "requirements.txt"]
    # No plugins/ or theme/ of its own, no source text, nothing of another ente.
    assert not (root / "plugins").exists() and not (root / "theme").exists() and not (root / "fonte.txt").exists()
    everything = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file())
    assert [name for name in other_entes() if name in everything] == []
    example_texts = {p.read_text(encoding="utf-8") for p in REPO.glob("examples/*/content/*.md")}
    assert not example_texts & {p.read_text(encoding="utf-8") for p in root.rglob("*.md")}
    requirement = (root / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^trasparenza\[verifica\]==\d+\.\d+\.\d+$", requirement, re.M)
    assert "custom_dir" not in (root / "mkdocs.yml").read_text(encoding="utf-8")

    checked = trasparenza("validate", "--rigoroso", ".", cwd=root)
    assert checked.returncode == 0, checked.stdout
    assert "0 errori, 0 avvisi, 1 da completare" in checked.stdout and "dichiarazione di accessibilità" in checked.stdout
    result = build(root)
    assert result.returncode == 0, result.stderr
    home = page(root / "site_build", "/")
    assert "Comune di Roccaverde" in home.text and "PIAO 2026-2028" in home.text
    html = (root / "site_build/index.html").read_text(encoding="utf-8")
    assert "<title>Comune di Roccaverde – PIAO 2026-2028" in html


def test_three_objectives_added_by_hand_build_strictly(tmp_path):
    root = project("nuovo", tmp_path)
    assert trasparenza("nuovo", "struttura", "Settore servizi al cittadino", cwd=root).returncode == 0
    for title in ("Carta d'identità in giornata", "Sportello telematico", "Anagrafe digitale"):
        done = trasparenza("nuovo", "obiettivo", title, "--struttura", "settore-servizi-al-cittadino", cwd=root)
        assert done.returncode == 0, done.stderr
    result = build(root)
    assert result.returncode == 0, result.stderr
    objectives = page(root / "site_build", "/piao/2026-2028/obiettivi/")
    assert all(title in objectives.text for title in ("Carta d'identità in giornata", "Sportello telematico"))


def test_the_command_asks_what_the_options_do_not_say_and_never_overwrites(tmp_path):
    # Italian help; a missing name is asked for at a terminal, and refused without one.
    helped = trasparenza("nuovo", "--help", cwd=tmp_path)
    assert "«nuovo sito CARTELLA»" in " ".join(helped.stdout.split()) and "--ipa CODICE" in helped.stdout
    assert "mostra questo aiuto ed esce" in helped.stdout
    missing = trasparenza("nuovo", "sito", "s", cwd=tmp_path)
    assert missing.returncode == 2 and "--ente: manca" in missing.stderr and not (tmp_path / "s").exists()
    wrong = trasparenza("nuovo", "sito", "s", "--ente", "Comune di Roccaverde", "--ipa", "c-z 9", "--triennio", "2026",
                        cwd=tmp_path)
    assert wrong.returncode == 2 and "--ipa: «c-z 9»" in wrong.stderr and "--triennio: «2026»" in wrong.stderr
    (tmp_path / "occupata").mkdir()
    (tmp_path / "occupata" / "mio.txt").write_text("mio", encoding="utf-8")
    refused = trasparenza("nuovo", "sito", "occupata", *NEW_SITE, cwd=tmp_path)
    assert refused.returncode == 2 and "non è una cartella vuota" in refused.stderr
    assert os.listdir(tmp_path / "occupata") == ["mio.txt"]


def _template_commands(root: Path) -> dict[str, list[str]]:
    """The shell commands of each CI template's checking job, in order."""
    github = yaml.safe_load((root / ".github/workflows/pubblica.yml").read_text(encoding="utf-8"))
    server = yaml.safe_load((root / ".github/workflows/pubblica-sul-server.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    for workflow, job in ((github, "verifica"), (server, "verifica-e-pubblica")):
        checkout = next(step for step in workflow["jobs"][job]["steps"] if "checkout" in step.get("uses", ""))
        assert checkout["with"]["fetch-depth"] == 0
        assert " git " in workflow["jobs"][job]["steps"][0]["run"] + " "
    assert gitlab["variables"]["GIT_DEPTH"] == "0" and " git " in gitlab["verifica"]["before_script"][0]
    assert github["jobs"]["verifica"]["if"] == "${{ vars.SERVER_HOST == '' }}"
    assert server["jobs"]["verifica-e-pubblica"]["if"] == "${{ vars.SERVER_HOST != '' }}"
    assert "rsync" in server["jobs"]["verifica-e-pubblica"]["steps"][-1]["run"]
    return {
        "github": [step["run"] for step in github["jobs"]["verifica"]["steps"] if step.get("run", "").startswith("make ")],
        "gitlab": gitlab["verifica"]["script"],
    }


def _commit(root: Path, when: str, message: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="Ufficio",
               GIT_AUTHOR_EMAIL="u@example.org", GIT_COMMITTER_NAME="Ufficio", GIT_COMMITTER_EMAIL="u@example.org")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


@pytest.mark.parametrize("service", ["github", "gitlab"])
def test_the_ci_templates_run_in_a_clone_with_dates_from_history(tmp_path, service):
    """The templates' checking commands (make controlla, make sito; make verifica is the accessibility gate,
    run on this site by test_browser) in a clone as each service makes it: a full history gives the dates,
    a shallow one (the services' default) stops the build with the reason."""
    origin = project("nuovo", tmp_path)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=origin, check=True)
    _commit(origin, "2026-02-02T10:00:00", "Il sito del piano")
    assert trasparenza("nuovo", "struttura", "Settore servizi al cittadino", cwd=origin).returncode == 0
    _commit(origin, "2026-03-09T10:00:00", "Una struttura")
    commands = [c for c in _template_commands(origin)[service] if c != "make verifica"]
    assert commands == ["make controlla", "make sito"]
    # The site's Makefile with this test's environment in place of the one it would install.
    make = ["make", f"VENV={VENV_BIN.parent}", "STAMP="]

    full, shallow = tmp_path / "completo", tmp_path / "parziale"
    subprocess.run(["git", "clone", "-q", f"file://{origin}", str(full)], check=True)
    for command in commands:
        done = subprocess.run(make + command.split()[1:], cwd=full, env=ENV, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    unit = page(full / "site_build", "/piao/2026-2028/strutture/settore-servizi-al-cittadino/")
    assert "Pubblicato il 02/02/2026 · Ultimo aggiornamento: 09/03/2026" in unit.text

    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(shallow)], check=True)
    done = subprocess.run(make + ["sito"], cwd=shallow, env=ENV, capture_output=True, text=True)
    assert done.returncode != 0 and "copia «shallow»" in done.stdout + done.stderr
    assert not (shallow / "site_build").exists()
