"""Dichiarazione di accessibilità, obiettivi di accessibilità, footer links: content and validation."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import REPO, build, page, write_site

from trasparenza.checks.validate import load_plan

OGGI = date(2026, 11, 22)


def test_statement_page_follows_the_agid_model(mini_site):
    p = page(mini_site, "accessibilita")
    assert p.headings[0] == (1, "Dichiarazione di accessibilità")
    sections = [text for level, text in p.headings if level == 2]
    assert sections[:4] == ["Stato di conformità", "Redazione della dichiarazione",
                            "Meccanismo di feedback e recapiti", "Procedura di attuazione"]
    assert "Il sito è conforme ai requisiti" in p.text
    assert "https://form.agid.gov.it/view/prova-0000/" in p.links
    assert "mailto:accessibilita@comune.prova.it" in p.links
    assert "entro 30 giorni" in p.text and "difensore civico per il digitale" in p.text
    assert "Metodo autovalutazione" in p.text and "Ultimo riesame 01/10/2026" in p.text


def test_every_page_links_the_statement_and_the_legal_notes(mini_site):
    pages = list(mini_site.rglob("*.html"))
    assert len(pages) > 10
    for html in pages:
        text = html.read_text(encoding="utf-8")
        assert ('<a data-element="accessibility-link" href="https://form.agid.gov.it/view/prova-0000/">'
                "Dichiarazione di accessibilità sul sito di AgID</a>") in text, html
        footer = text[text.index("<footer"):]
        assert 'data-element="legal-notes" href=' in footer and ">Note legali</a>" in footer, html
        assert 'data-element="privacy-policy-link" href=' in footer, html
        assert 'href="https://creativecommons.org/licenses/by/4.0/deed.it">CC BY 4.0</a>' in footer, html


def test_real_plan_statement_and_objectives_from_the_seed(built):
    site = built("alessandria")
    statement = page(site, "accessibilita")
    assert "Il sito è parzialmente conforme" in statement.text
    assert "https://form.agid.gov.it/view/612d7f2a-18e9-4c8b-afdb-e854492916c3/" in statement.links
    assert "Metodo non indicato nel documento di origine" in statement.text
    objectives = page(site, "accessibilita/obiettivi")
    rows = objectives.table("Obiettivi di accessibilità 2022")["rows"][1:]
    assert [r[0] for r in rows] == ["formazione", "organizzazione del lavoro", "organizzazione del lavoro",
                                    "sito web istituzionale", "sito web istituzionale"]
    assert rows[0][1] == "Formazione del personale sugli Aspetti tecnici e normativi"
    assert "obiettivi/" in statement.links


def test_leggiuno_objectives_page(built):
    site = built("leggiuno")
    objectives = page(site, "accessibilita/obiettivi")
    assert objectives.table("Obiettivi di accessibilità 2024")["rows"][1][:2] == [
        "sito web istituzionale", "adeguamento del sito ai criteri di accessibilità"]
    assert "non è indicata nel documento di origine" in page(site, "accessibilita").text


def statement(**changes) -> str:
    base = {
        "url": "https://form.agid.gov.it/view/prova-0000/",
        "stato_conformita": "conforme",
        "redazione": "\n  metodo: autovalutazione\n  ultimo_riesame: 01/10/2026",
        "feedback": "\n  email: a@b.it",
    }
    base.update(changes)
    return "".join(f"{k}: {v}\n" for k, v in base.items() if v is not None)


def issues_for(tmp_path, text: str):
    root = write_site(tmp_path / "s", {"accessibilita.yaml": text})
    return load_plan(root / "data", root, OGGI)


def test_missing_mandatory_part_is_an_error(tmp_path):
    plan, issues = issues_for(tmp_path, statement(redazione=None))
    assert plan is None
    assert [(i.file, i.line, i.field, i.message) for i in issues] == [
        ("data/accessibilita.yaml", 1, "redazione", "campo obbligatorio mancante")]
    plan, issues = issues_for(tmp_path, statement(redazione="\n  metodo: autovalutazione"))
    assert issues[0].field == "redazione.ultimo_riesame" and issues[0].line == 4
    plan, issues = issues_for(tmp_path, statement(feedback="\n  descrizione: scriveteci"))
    assert issues[0].message == "il meccanismo di feedback non indica nessun recapito"


def test_partial_conformity_needs_the_inaccessible_contents(tmp_path):
    plan, issues = issues_for(tmp_path, statement(stato_conformita="parzialmente conforme"))
    assert plan is None
    assert "richiede l'elenco dei contenuti non accessibili" in issues[0].message
    assert issues[0].field == "stato_conformita" and issues[0].line == 2


def test_review_older_than_the_last_23_september_is_a_warning(tmp_path):
    plan, issues = issues_for(tmp_path, statement(redazione="\n  metodo: autovalutazione\n  ultimo_riesame: 10/09/2025"))
    assert plan is not None
    assert [i.severity for i in issues] == ["avviso"]
    assert "non è stata riesaminata entro il 23/09/2026" in issues[0].message
    assert (issues[0].line, issues[0].field) == (5, "redazione.ultimo_riesame")


@pytest.mark.parametrize("day", ["10/09/2026", "24/09/2025", "23/09/2026"])
def test_a_review_before_this_years_23_september_meets_it(tmp_path, day):
    plan, issues = issues_for(tmp_path, statement(redazione=f"\n  metodo: autovalutazione\n  ultimo_riesame: {day}"))
    assert plan is not None and issues == []


def test_conforme_with_violations_found_is_a_warning(tmp_path):
    plan, issues = issues_for(tmp_path, statement(verifica_automatica="\n  data: 01/11/2026\n  violazioni: 3"))
    assert [i.severity for i in issues] == ["avviso"]
    assert "ha trovato 3 violazioni" in issues[0].message


def test_a_site_without_statement_does_not_build_unless_it_opts_out(tmp_path):
    root = write_site(tmp_path / "s", {"accessibilita.yaml": None})
    result = build(root)
    assert result.returncode != 0
    assert "data/accessibilita.yaml:1:1: errore: manca la dichiarazione di accessibilità" in result.stderr
    root = write_site(tmp_path / "e", {"accessibilita.yaml": None}, plugin={"richiedi_dichiarazione": False})
    assert build(root).returncode == 0


def test_foreign_language_passages_keep_their_lang(tmp_path):
    root = write_site(tmp_path / "s", {"obiettivi/area-servizi.yaml": """
        struttura: area-servizi
        obiettivi:
          - id: x
            titolo: Lavoro agile
            descrizione: 'Il <span lang="en">smart working</span> diventa ordinario.'
    """})
    assert build(root).returncode == 0
    html = (root / "site_build/piao/2024-2026/obiettivi/x/index.html").read_text()
    assert '<span lang="en">smart working</span>' in html
