"""The corpus of hostile files (tests/ostili/): each produces its Italian error at the right
place, with a hint, a non-zero exit and no traceback; plus the cases generated at run time
(a 50 MB file, an empty data folder)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import ENV, write_site

from trasparenza.checks.validate import load_plan

CORPUS = Path(__file__).parent / "ostili"
CASES = yaml.safe_load((CORPUS / "attese.yaml").read_text(encoding="utf-8"))
OGGI = date(2026, 11, 22)


def site_with(tmp_path: Path, case: dict) -> Path:
    root = write_site(tmp_path / "s")
    target = root / "data" / case["destinazione"]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CORPUS / case["caso"], target)
    return root


def test_the_corpus_covers_every_category_with_enough_cases():
    categories = {c["caso"].split("/")[0] for c in CASES}
    assert categories >= {"sintassi", "tipi", "campi", "riferimenti", "date", "percentuali", "file", "accessibilita"}
    assert len(CASES) >= 50
    assert all((CORPUS / c["caso"]).is_file() for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["caso"] for c in CASES])
def test_hostile_file_gets_its_error(tmp_path, case):
    root = site_with(tmp_path, case)
    plan, issues = load_plan(root / "data", root, OGGI)
    severity = case.get("gravita", "errore")
    found = [i for i in issues if f"{i.file}:{i.line}:{i.column}" == case["posizione"] and i.severity == severity]
    assert found, "\n".join(i.format() for i in issues) or "nessun problema segnalato"
    issue = found[0]
    assert issue.field == case["campo"]
    assert case["messaggio"] in issue.message
    assert case["suggerimento"] in issue.hint
    if severity == "errore":
        assert plan is None


@pytest.mark.parametrize("case", CASES[::7], ids=[c["caso"] for c in CASES[::7]])
def test_hostile_file_through_the_command(tmp_path, case):
    root = site_with(tmp_path, case)
    result = subprocess.run([sys.executable, "-m", "trasparenza.cli", "validate", "--rigoroso", "."], cwd=root,
                            env=ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert case["posizione"] in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_huge_file_is_refused_quickly_without_reading_it(tmp_path):
    root = write_site(tmp_path / "s")
    huge = root / "data" / "obiettivi" / "enorme.yaml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    plan, issues = load_plan(root / "data", root, OGGI)
    assert plan is None
    assert [(i.file, i.line, i.message) for i in issues] == [
        ("data/obiettivi/enorme.yaml", 1, "il file è troppo grande (50 MB, massimo 5 MB)")]


def test_empty_data_folder(tmp_path):
    root = tmp_path / "s"
    (root / "data").mkdir(parents=True)
    plan, issues = load_plan(root / "data", root, OGGI)
    assert plan is None
    assert issues[0].message == "la cartella dei dati è vuota: non c'è nessun file YAML"
    assert "ente.yaml e piano.yaml" in issues[0].hint
