"""The JSON Schema of the data files, checked with a standard validator (jsonschema, draft 2020-12):
every data file of every site of the repository validates, known mistakes do not, and editors find the
schema from the first line of each file."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
import textwrap

import jsonschema
import pytest
import yaml

from conftest import ENV, REPO, project
from trasparenza.exports import schema

SITES = ["alessandria", "segrate", "leggiuno", "azioni-positive", "salute-organizzativa", "esempio"]
SCHEMAS = {kind: schema.schema_of(kind) for kind in schema.kinds()}


def as_json(value):
    """What a YAML 1.2 editor hands the validator: dates are text (pyyaml would make them dates)."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def errors(kind: str, text: str) -> list[str]:
    data = as_json(yaml.safe_load(textwrap.dedent(text)))
    validator = jsonschema.Draft202012Validator(SCHEMAS[kind])
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def data_files():
    for name in SITES:
        for path in sorted((project(name) / "data").rglob("*.yaml")):
            yield name, path


def test_every_schema_is_a_valid_draft_2020_12_schema():
    for kind, document in SCHEMAS.items():
        jsonschema.Draft202012Validator.check_schema(document)
        assert document["$schema"] == schema.DIALECT, kind


def test_every_data_file_of_every_site_validates():
    checked = 0
    for name, path in data_files():
        kind = schema.kind_of(path)
        assert kind, f"{path}: nessuno schema"
        found = errors(kind, path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(REPO)}: {found[:5]}"
        checked += 1
    assert checked > 80


def test_every_property_has_an_italian_title_and_description():
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            fields = node.get("properties") if node.get("type") == "object" else None  # a model, not a rule
            for name, prop in (fields or {}).items():
                if not prop.get("title") or not prop.get("description"):
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for kind, document in SCHEMAS.items():
        walk(document, kind)
    assert not missing, missing[:20]
    incidenza = SCHEMAS["obiettivi"]["$defs"]["Fase"]["properties"]["incidenza"]
    assert incidenza["title"] != "Incidenza" or "percentuale" in incidenza["description"].lower()


def test_no_pydantic_only_keywords_remain():
    text = json.dumps(SCHEMAS)
    assert '"ge"' not in text and '"le"' not in text


@pytest.mark.parametrize("text", [
    # the forms the loader accepts: 40%, 40, «31/12/2024», the file-level struttura, unquoted numbers as text
    """
    struttura: tributi
    obiettivi:
      - id: ob-1
        codice: 1
        titolo: Riscossione
        peso: 40%
        fasi:
          - {descrizione: Avvio, incidenza: 40, scadenza: 31/12/2024}
          - {descrizione: Chiusura, incidenza: "60,5%", scadenza: in corso d'anno}
        indicatori:
          - nome: Pratiche
            rilevazioni: [{data: 30/06/2024, raggiunto: 2.380}, {data: 2024-12-31, raggiunto: 12}]
    """,
    """
    obiettivi:
      - {id: ob-1, titolo: Senza struttura del file, struttura: tributi}
    """,
])
def test_what_the_loader_accepts_validates(text):
    assert errors("obiettivi", text) == []


@pytest.mark.parametrize("text, fragment", [
    ("obiettivi:\n  - {id: ob-1, titolo: Manca la struttura}\n", "struttura"),
    ("struttura: t\nobiettivi:\n  - {id: ob-1, titolo: T, peso: 150}\n", "peso"),
    ("struttura: t\nobiettivi:\n  - {id: ob-1, titolo: T, peso: tanto}\n", "peso"),
    ("struttura: t\nobiettivi:\n  - {id: ob-1, titolo: T, colore: blu}\n", "colore"),
    ("struttura: t\nobiettivi:\n  - {id: Ob 1, titolo: T}\n", "id"),
    ("struttura: t\nobiettivi:\n  - {id: ob-1, titolo: T, tipo: [strategico, operativo]}\n", "tipo"),
    ("struttura: t\nobiettivi:\n  - id: ob-1\n    titolo: T\n    indicatori:\n"
     "      - {nome: N, rilevazioni: [{data: 31 dicembre 2022}]}\n", "data"),
    ("struttura: t\nobiettivi: []\nnote: x\n", "note"),
])
def test_known_mistakes_fail(text, fragment):
    found = errors("obiettivi", text)
    assert found, text
    assert any(fragment in message for message in found), found


def test_other_kinds_refuse_mistakes():
    assert errors("ente", "denominazione: Comune\nsito: javascript:alert(1)\n")
    assert errors("piano", "titolo: PIAO\ntriennio: 2024/2026\n")
    assert errors("struttura", "strutture:\n  - {id: a, tipo: dipartimento, nome: A}\n")
    assert errors("trasparenza", "pubblicati_altrove:\n  albo: {url: https://x.it}\n")
    assert errors("ente", "denominazione: Comune\ncodice_ipa: c_a182\n") == []


def test_the_repository_schemas_are_current_and_every_data_file_points_to_its_schema():
    folder = REPO / schema.FOLDER
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.json")} == schema.all_schemas()
    for name, path in data_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(schema.MODELINE_PREFIX), f"{path}: {first}"
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (folder / schema.file_name(schema.kind_of(path))).resolve(), path


def trasparenza(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "trasparenza.cli", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=120)


def test_cli_writes_to_a_folder_or_to_standard_output(tmp_path):
    done = trasparenza("schema", str(tmp_path / "schemi"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "schemi" / "obiettivi.schema.json").is_file()
    one = trasparenza("schema", "-", "--tipo", "obiettivi")
    assert json.loads(one.stdout)["title"] == "Trasparenza: obiettivi/*.yaml"
    every = json.loads(trasparenza("schema", "-").stdout)
    assert set(every) == {schema.file_name(k) for k in schema.kinds()}
    wrong = trasparenza("schema", "-", "--tipo", "obbiettivi")
    assert wrong.returncode == 2 and "sconosciuto" in wrong.stderr


def test_cli_adds_the_schema_line_to_data_files(tmp_path):
    data = tmp_path / "data"
    (data / "obiettivi").mkdir(parents=True)
    (data / "ente.yaml").write_bytes(b"denominazione: Comune\r\n")
    (data / "obiettivi" / "tributi.yaml").write_text("# commento\nstruttura: t\nobiettivi: []\n", encoding="utf-8")
    done = trasparenza("schema", str(tmp_path / "schema"), "--intestazioni", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (data / "ente.yaml").read_bytes() == (
        b"# yaml-language-server: $schema=../schema/ente.schema.json\r\ndenominazione: Comune\r\n")
    assert (data / "obiettivi" / "tributi.yaml").read_text(encoding="utf-8").splitlines()[:2] == [
        "# yaml-language-server: $schema=../../schema/obiettivi.schema.json", "# commento"]
    again = trasparenza("schema", str(tmp_path / "schema"), "--intestazioni", str(data), cwd=tmp_path)
    assert "in 0 file" in again.stdout


def test_the_built_site_publishes_the_schemas(built):
    site = built("alessandria")
    for name, text in schema.all_schemas().items():
        assert (site / schema.FOLDER / name).read_text(encoding="utf-8") == text


def readme_examples() -> list[tuple[str, str]]:
    """The README's data examples: fenced YAML blocks that begin with «# yaml: data/<file>»."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(# yaml: data/(\S+)\n.*?)```", text, re.S)
    return [(name, block) for block, name in blocks]


def test_the_readme_examples_are_valid_and_the_objective_has_every_field(tmp_path):
    from trasparenza.model import Obiettivo
    from trasparenza.checks.validate import _load_file

    examples = readme_examples()
    names = {name for name, _ in examples}
    assert {"ente.yaml", "piano.yaml", "struttura.yaml", "accessibilita.yaml", "obiettivi/area-servizi.yaml",
            "trasparenza.yaml"} <= names
    for name, block in examples:
        path = tmp_path / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block, encoding="utf-8")
        kind = schema.kind_of(path)
        issues: list = []
        assert _load_file(path, schema.kinds()[kind][1], tmp_path, issues) is not None, [i.format() for i in issues]
        assert errors(kind, block) == [], name
    objective = yaml.safe_load(dict(examples)["obiettivi/area-servizi.yaml"])["obiettivi"][0]
    assert set(Obiettivo.model_fields) - {"struttura"} <= set(objective), \
        set(Obiettivo.model_fields) - set(objective)


def test_the_field_reference_is_current():
    assert (REPO / schema.FOLDER / schema.REFERENCE).read_text(encoding="utf-8") == schema.reference()


def test_a_commit_that_only_adds_the_schema_line_changes_no_date(tmp_path):
    from trasparenza.analysis import history

    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "dati"], check=True, env={**ENV, "GIT_COMMITTER_DATE": "2024-01-01T10:00"})
    (tmp_path / "data" / "x.yaml").write_text(schema.modeline("../schema/x.json") + "\na: 1\n", encoding="utf-8")
    subprocess.run(git + ["commit", "-qam", "schema"], check=True, env={**ENV, "GIT_COMMITTER_DATE": "2025-01-01T10:00"})
    dates = history.git_dates(tmp_path, [], [tmp_path / "data"])
    assert dates["data/x.yaml"] == (datetime.date(2024, 1, 1), datetime.date(2024, 1, 1))
    # A heading inside a block of text begins with «#» too, and it changes the page.
    path = tmp_path / "data" / "x.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "testo: |\n  ## Lavoro agile\n", encoding="utf-8")
    subprocess.run(git + ["commit", "-qam", "testo"], check=True, env={**ENV, "GIT_COMMITTER_DATE": "2025-03-01T10:00"})
    path.write_text(path.read_text(encoding="utf-8").replace("## Lavoro agile", "## Lavoro agile e da remoto"),
                    encoding="utf-8")
    subprocess.run(git + ["commit", "-qam", "titolo"], check=True, env={**ENV, "GIT_COMMITTER_DATE": "2025-06-01T10:00"})
    assert history.git_dates(tmp_path, [], [tmp_path / "data"])["data/x.yaml"][1] == datetime.date(2025, 6, 1)
