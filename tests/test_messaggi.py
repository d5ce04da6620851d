"""Messages that find the real mistake: the cases a new user met, each told once, at the line of the
mistake, in Italian, with a hint that shows the correction."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from conftest import ENV, build, write_site
from trasparenza.problems import AVVISO, ERRORE
from trasparenza.checks.validate import load_site

OBJECTIVES = """\
struttura: area-servizi
obiettivi:
  - id: ob-1
    codice: '1'
    titolo: Sportello
    fasi:
      - descrizione: Avvio
        incidenza: 100%
        scadenza: 31/12/2024
"""
FILE = "data/obiettivi/area-servizi.yaml"
SECOND = OBJECTIVES.split("obiettivi:\n")[1].replace("ob-1", "ob-2").replace("'1'", "'2'")


def issues_of(tmp_path, text: str | None = OBJECTIVES, **others):
    files = {"obiettivi/area-servizi.yaml": text, **others}
    root = write_site(tmp_path / "sito", files)
    _, issues = load_site(root / "data", root, date(2026, 11, 22))
    return issues


def only(issues, severity=ERRORE):
    found = [i for i in issues if i.severity == severity]
    assert len(found) == 1, [i.format() for i in issues]
    return found[0]


@pytest.mark.parametrize("change, line, column, message, hint", [
    # An apostrophe inside single quotes ends the text: not an indentation problem.
    (("titolo: Sportello", "titolo: 'dell'elenco'"), 5, 19, "apostrofo dentro un testo racchiuso tra apici singoli",
     "titolo: \"dell'elenco\""),
    # A missing colon is reported on its own line, not on the next one.
    (("titolo: Sportello", "titolo Sportello"), 5, 11, "manca «:» dopo «titolo»", "scrivi «titolo: Sportello»"),
    (("titolo: Sportello", "titolo:Sportello"), 5, 11, "manca lo spazio dopo «titolo:»", "titolo: Sportello"),
    # A key indented one space too far: the indentation is named, not the «:».
    (("    titolo: Sportello", "     titolo: Sportello"), 5, 6, "«titolo» è rientrato più di «codice» della riga sopra",
     "allinea «titolo:» sotto «codice:» (4 spazi"),
    (("    fasi:", "      fasi:"), 6, 7, "«fasi» è rientrato più di «titolo» della riga sopra",
     "allinea «fasi:» sotto «titolo:» (4 spazi"),
    # A value that starts with «- »: no English parser text.
    (("titolo: Sportello", "titolo: - Sportello - nuovo"), 5, 13, "un valore non può iniziare con «- »",
     "titolo: '- Sportello - nuovo'"),
    # A phrase already in quotes, followed by more text: quote the whole value.
    (("titolo: Sportello", 'titolo: "Sportello" unico'), 5, 24, "testo dopo le virgolette di chiusura",
     "titolo: '\"Sportello\" unico'"),
])
def test_syntax_mistakes_are_named_at_their_line(tmp_path, change, line, column, message, hint):
    issue = only(issues_of(tmp_path, OBJECTIVES.replace(*change)))
    assert (issue.file, issue.line, issue.column) == (FILE, line, column)
    assert message in issue.message and hint in issue.hint
    assert not any(word in issue.message for word in ("expected", "found", "mapping", "sequence"))


def test_missing_colon_on_the_last_line_points_to_a_line_that_exists(tmp_path):
    text = OBJECTIVES + "    note Da rivedere\n"
    issue = only(issues_of(tmp_path, text))
    assert (issue.line, issue.message) == (10, "manca «:» dopo «note»")


def test_one_typo_in_the_file_level_struttura_is_reported_once(tmp_path):
    text = OBJECTIVES.replace("struttura: area-servizi", "struttura: area-servizzi") + SECOND
    issue = only(issues_of(tmp_path, text))
    assert (issue.file, issue.line, issue.field) == (FILE, 1, "struttura")
    assert "«area-servizzi» non corrisponde a nessuna struttura" in issue.message
    assert "2 obiettivi" in issue.message and "area-servizi" in issue.hint


def test_a_missing_struttura_file_is_one_error(tmp_path):
    issue = only(issues_of(tmp_path, OBJECTIVES + SECOND, **{"struttura.yaml": None}))
    assert (issue.file, issue.line) == ("data/struttura.yaml", 1)
    assert "manca la struttura organizzativa" in issue.message and "«area-servizi»" in issue.hint


@pytest.mark.parametrize("written, hint", [("31 dicembre 2022", "31/12/2022"), ("1 marzo 2024", "01/03/2024")])
def test_dates_in_words_are_told(tmp_path, written, hint):
    issue = only(issues_of(tmp_path, OBJECTIVES.replace("31/12/2024", written)), AVVISO)
    assert (issue.line, issue.field) == (9, "obiettivi[1].fasi[1].scadenza")
    assert "data scritta in parole" in issue.message and hint in issue.hint


def test_dates_with_dots_are_dates(tmp_path):
    issue = only(issues_of(tmp_path, OBJECTIVES.replace("31/12/2024", "31.03.2022")), AVVISO)
    assert "la data 31/03/2022 è fuori dal periodo del piano" in issue.message


def test_a_refused_link_is_a_warning_and_its_text_stays(tmp_path):
    text = OBJECTIVES.replace("titolo: Sportello", "titolo: Sportello\n    descrizione: 'vedi [il bando](javascript:alert(1))'")
    issue = only(issues_of(tmp_path, text), AVVISO)
    assert (issue.line, issue.field) == (6, "obiettivi[1].descrizione")
    assert "«javascript:…» non è un indirizzo web" in issue.message and "https://" in issue.hint
    root = write_site(tmp_path / "pubblicato", {"obiettivi/area-servizi.yaml": text})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")], cwd=root,
                            env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    html = (root / "site_build" / "piao" / "2024-2026" / "obiettivi" / "ob-1" / "index.html").read_text(encoding="utf-8")
    assert "vedi il bando" in html and "<a rel" not in html.split("vedi", 1)[1][:40]


def test_two_objectives_with_one_code_in_a_unit_are_an_error(tmp_path):
    issue = only(issues_of(tmp_path, OBJECTIVES + SECOND.replace("'2'", "'1'")))
    assert (issue.line, issue.field) == (11, "obiettivi[2].codice")
    assert "il codice «1» è già usato da un altro obiettivo della stessa struttura" in issue.message


def test_numbers_and_counts_read_as_italian(tmp_path):
    issue = only(issues_of(tmp_path, OBJECTIVES.replace("100%", "100.5%")))
    assert issue.message == "«100.5%» è troppo grande (il massimo è 100)"
    root = write_site(tmp_path / "sito2", {"obiettivi/area-servizi.yaml": OBJECTIVES.replace("titolo: Sportello",
                                                                                             "titolo Sportello")})
    done = subprocess.run([sys.executable, "-m", "trasparenza.cli", "validate", str(root)], env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert "Risultato: 1 errore, 0 avvisi." in done.stdout
    root = write_site(tmp_path / "sito3")
    done = subprocess.run([sys.executable, "-m", "trasparenza.cli", "validate", str(root)], env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert "1 azione positiva" in done.stdout and "1 azioni" not in done.stdout


def test_phase_shares_are_summed_in_italian(tmp_path):
    text = OBJECTIVES.replace("incidenza: 100%", "incidenza: 60,5%") + \
        "      - {descrizione: Chiusura, incidenza: 40}\n"
    issues = issues_of(tmp_path, text)
    messages = [i.message for i in issues]
    assert any("100,5% invece di 100%" in m for m in messages), messages


def test_build_tells_the_same(tmp_path):
    root = write_site(tmp_path / "sito", {"obiettivi/area-servizi.yaml": OBJECTIVES.replace(
        "titolo: Sportello", "titolo: 'dell'elenco'")})
    result = build(root)
    assert result.returncode != 0
    assert f"{FILE}:5:19" in result.stderr and "apostrofo" in result.stderr and "Traceback" not in result.stderr


def test_a_comma_inside_braces_is_explained(tmp_path):
    text = OBJECTIVES.replace("titolo: Sportello", "titolo: Sportello\n    missione: {codice: '01', denominazione: "
                              "Servizi istituzionali, generali e di gestione}")
    issue = only(issues_of(tmp_path, text))
    assert issue.line == 6 and "sembra la continuazione di un testo che contiene una virgola" in issue.message
    assert "racchiudi il testo tra virgolette" in issue.hint
