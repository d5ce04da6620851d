"""Each data mistake: Italian message, file:line:column, field, hint; all reported at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ENV, MINI, build, write_site

from trasparenza.checks.validate import load_plan

OBIETTIVO = """
    struttura: area-servizi
    obiettivi:
      - id: uno
        titolo: Primo obiettivo
        {extra}
"""


def objective(extra: str) -> dict[str, str]:
    body = textwrap.dedent(OBIETTIVO).replace("{extra}", textwrap.indent(textwrap.dedent(extra).strip(), " " * 4).lstrip())
    return {"obiettivi/area-servizi.yaml": body}


CASES = [
    # (name, files, expected location, expected field, words in message, words in hint)
    ("chiave sconosciuta", objective("finalitá: testo"), "data/obiettivi/area-servizi.yaml:5:5",
     "obiettivi[1].finalitá", "campo sconosciuto «finalitá»", "forse intendevi «finalita»"),
    ("campo obbligatorio", {"piano.yaml": "triennio: 2024-2026\n"}, "data/piano.yaml:1:1", "titolo",
     "campo obbligatorio mancante", "aggiungi «titolo: …»"),
    ("campo obbligatorio annidato", {"obiettivi/area-servizi.yaml": "struttura: area-servizi\nobiettivi:\n  - id: uno\n"},
     "data/obiettivi/area-servizi.yaml:3:5", "obiettivi[1].titolo", "campo obbligatorio mancante",
     "aggiungi «titolo: …»"),
    ("data impossibile", objective("scadenza_finale: 31/02/2024"), "data/obiettivi/area-servizi.yaml:5:22",
     "obiettivi[1].scadenza_finale", "la data «31/02/2024» non esiste", "controlla giorno e mese"),
    ("percentuale fuori scala", objective("peso: 140"), "data/obiettivi/area-servizi.yaml:5:11",
     "obiettivi[1].peso", "«140» è troppo grande (il massimo è 100)", "tra 0 e 100"),
    ("percentuale non numerica", objective("peso: molto"), "data/obiettivi/area-servizi.yaml:5:11",
     "obiettivi[1].peso", "«molto» non è un peso", "tra 0 e 100"),
    ("valore non ammesso", objective("indicatori: [{nome: N, tipo: velocità}]"), "data/obiettivi/area-servizi.yaml:5:34",
     "obiettivi[1].indicatori[1].tipo", "valore non ammesso", "«quantità»"),
    ("id non valido", objective("obiettivo_strategico: Scuola Inclusiva"), "data/obiettivi/area-servizi.yaml:5:27",
     "obiettivi[1].obiettivo_strategico", "valore non nel formato richiesto", "lettere minuscole"),
    ("riferimento mancante", objective("obiettivo_strategico: scuola-inclusva"),
     "data/obiettivi/area-servizi.yaml:5:27", "obiettivi[1].obiettivo_strategico",
     "«scuola-inclusva» non corrisponde a nessun obiettivo strategico", "forse intendevi «scuola-inclusiva»"),
    ("struttura mancante", {"obiettivi/area-servizi.yaml": "obiettivi:\n  - id: uno\n    titolo: T\n    struttura: area-servizo\n"},
     "data/obiettivi/area-servizi.yaml:4:16", "obiettivi[1].struttura", "non corrisponde a nessuna struttura",
     "forse intendevi «area-servizi»"),
    ("incidenze", objective("fasi:\n  - {descrizione: a, incidenza: 50}\n  - {descrizione: b, incidenza: 30}"),
     "data/obiettivi/area-servizi.yaml:6:7", "obiettivi[1].fasi", "sommano a 80% invece di 100%",
     "la somma sia 100"),
    ("pesi", {"obiettivi/area-servizi.yaml": "struttura: area-servizi\nobiettivi:\n  - {id: a, titolo: A, peso: 50}\n"
              "  - {id: b, titolo: B, peso: 20}\n"}, "data/obiettivi/area-servizi.yaml:4:30", "obiettivi[2].peso",
     "sommano a 70% invece di 100%", "la somma sia 100"),
    ("id duplicato", {"obiettivi/altro.yaml": "struttura: area-servizi\nobiettivi:\n  - {id: mense-digitali, titolo: X}\n"},
     "data/obiettivi/area-servizi.yaml:3:9", "obiettivi[1].id", "l'id «mense-digitali» è già usato",
     "ogni id deve essere unico"),
    ("chiave ripetuta", {"ente.yaml": "denominazione: A\npec: x@y.it\ndenominazione: B\n"}, "data/ente.yaml:3:1",
     "denominazione", "la chiave «denominazione» compare due volte (la prima alla riga 1)", "tieni una sola"),
    ("tabulazione", {"ente.yaml": "denominazione: A\n\tpec: x\n"}, "data/ente.yaml:2:1", "",
     "carattere di tabulazione", "sostituisci i tab con spazi"),
    ("virgolette", {"ente.yaml": "denominazione: 'Comune\npec: x\n"}, "data/ente.yaml:1:16", "",
     "virgolette aperte e non chiuse", "chiudi le virgolette"),
    ("tipo sbagliato", {"piano.yaml": "titolo: [a, b]\ntriennio: 2024-2026\n"}, "data/piano.yaml:1:9", "titolo",
     "serve un testo", "scrivi un testo"),
    ("triennio", {"piano.yaml": "titolo: P\ntriennio: 2024/2026\n"}, "data/piano.yaml:2:11", "triennio",
     "valore non nel formato richiesto", "2024-2026"),
    ("file sconosciuto", {"obbiettivi.yaml": "a: 1\n"}, "data/obbiettivi.yaml:1:1", "",
     "file non riconosciuto", "forse intendevi la cartella «obiettivi/»?"),
    ("file sconosciuto lontano", {"bilancio.yaml": "a: 1\n"}, "data/bilancio.yaml:1:1", "",
     "file non riconosciuto", "i file ammessi sono"),
    ("file mancante", {"ente.yaml": None}, "data/ente.yaml:1:1", "", "manca il file ente.yaml", "crea data/ente.yaml"),
    ("non utf-8", {}, "data/ente.yaml:1:20", "", "non è in codifica UTF-8", "UTF-8"),
    ("alias", {"ente.yaml": "denominazione: &n Comune\nnote: *n\n"}, "data/ente.yaml:2:7", "",
     "gli alias YAML", "ripeti il testo"),
]


@pytest.mark.parametrize("name,files,where,field,message,hint", CASES, ids=[c[0] for c in CASES])
def test_error_names_place_field_and_fix(tmp_path, name, files, where, field, message, hint):
    root = write_site(tmp_path / "s", files)
    if name == "non utf-8":
        (root / "data/ente.yaml").write_bytes("denominazione: Citt\xe0\n".encode("latin-1"))
    plan, issues = load_plan(root / "data", root)
    assert plan is None
    matching = [i for i in issues if f"{i.file}:{i.line}:{i.column}" == where]
    assert matching, [i.format() for i in issues]
    issue = matching[0]
    assert issue.field == field
    assert message in issue.message
    assert hint in issue.hint


def test_all_errors_of_a_pass_are_reported_sorted(tmp_path):
    root = write_site(tmp_path / "s", {
        "piano.yaml": "titolo: P\ntriennio: 2024-2026\nannualita: dopo\n",
        "ente.yaml": "denominazione: A\nsito_web: x\n",
        "struttura.yaml": "strutture:\n  - {id: area-servizi, tipo: reparto, nome: A}\n",
    })
    plan, issues = load_plan(root / "data", root)
    assert plan is None
    places = [(i.file, i.line) for i in issues]
    assert places == sorted(places)
    assert {i.file for i in issues} == {"data/ente.yaml", "data/piano.yaml", "data/struttura.yaml"}


def test_warning_for_date_outside_the_plan(tmp_path):
    root = write_site(tmp_path / "s", objective("scadenza_finale: 31/12/2030"))
    plan, issues = load_plan(root / "data", root)
    assert plan is not None
    assert [i.severity for i in issues] == ["avviso"]
    assert "fuori dal periodo del piano (2024-2026)" in issues[0].message


def cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trasparenza.cli", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=60)


def test_cli_validate_reports_and_exits_non_zero(tmp_path):
    root = write_site(tmp_path / "s", objective("peso: 140"))
    result = cli("validate", ".", cwd=root)
    assert result.returncode == 1
    assert "data/obiettivi/area-servizi.yaml:5:11: errore [obiettivi[1].peso]: «140» è troppo grande" in result.stdout
    assert "come correggere:" in result.stdout
    assert "Risultato: 1 errore, 0 avvisi." in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_validate_ok_and_strict_warnings(tmp_path):
    root = write_site(tmp_path / "s")
    ok = cli("validate", cwd=root)
    assert ok.returncode == 0, ok.stdout
    assert "2 obiettivi, 2 strutture, 1 azione positiva" in ok.stdout
    warn = write_site(tmp_path / "w", objective("scadenza_finale: 31/12/2030"))
    assert cli("validate", cwd=warn).returncode == 0
    assert cli("validate", "--rigoroso", cwd=warn).returncode == 1


def test_build_fails_with_the_same_message_and_no_traceback(tmp_path):
    root = write_site(tmp_path / "s", objective("peso: 140"))
    result = build(root)
    assert result.returncode != 0
    assert "data/obiettivi/area-servizi.yaml:5:11" in result.stderr
    assert "«140» è troppo grande" in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_build_fails_on_a_warning(tmp_path):
    root = write_site(tmp_path / "s", objective("scadenza_finale: 31/12/2030"))
    result = build(root)
    assert result.returncode != 0
    assert "fuori dal periodo del piano" in result.stderr


def test_schema_export_for_editors(tmp_path):
    result = cli("schema", str(tmp_path / "schema"), cwd=tmp_path)
    assert result.returncode == 0
    import json
    schema = json.loads((tmp_path / "schema/obiettivi.schema.json").read_text())
    assert "obiettivi" in schema["properties"]


def test_links_to_nothing_and_hidden_editor_files(tmp_path):
    """An editor's lock file (a hidden link to nothing) or a hidden draft is not data; a link to nothing
    named like data is the user's to fix, not an internal error."""
    root = write_site(tmp_path / "s")
    (root / "data/obiettivi/.#area-servizi.yaml").symlink_to("utente@pc.1234:1")
    (root / "data/.bozza.yaml").write_text("x: 1\n", encoding="utf-8")
    plan, issues = load_plan(root / "data", root)
    assert plan is not None and issues == []
    (root / "data/obiettivi/rotto.yaml").symlink_to("manca.yaml")
    plan, issues = load_plan(root / "data", root)
    assert plan is None
    assert [(i.file, i.line, i.message) for i in issues] == [
        ("data/obiettivi/rotto.yaml", 1, "il file non si può leggere: il file o la cartella non esiste")]
    assert "il collegamento (link) punta a un file che non esiste" in issues[0].hint
