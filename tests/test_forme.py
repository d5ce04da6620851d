"""The shapes real plans take, each on a real build: objectives the plan does not weigh, its own objective
types, a timetable of marks, the resources of a cost centre, the kind of document, dates as offices write
them, and a Relazione that says what it is."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, MINI, build, mkdocs, page, write_site

# A small comune's «Piano della performance»: weighted objectives, a prerequisite («X»), its own types,
# a monthly timetable of ×, a cost centre with staff and equipment.
PERFORMANCE = {
    "piano.yaml": """
        documento: Piano della performance
        titolo: Piano della performance 2026
        annualita: 2026
        pubblicato_il: 15/02/2026
    """,
    "struttura.yaml": """
        strutture:
          - id: area-servizi
            tipo: centro di costo
            nome: Area servizi al cittadino
            centro_di_costo: CDC 04
            dirigente: {nome: dott.ssa Anna Rossi}
            personale:
              - {categoria: D, profilo: amministrativo, numero: '2'}
              - {categoria: C, profilo: istruttore, numero: 3 part-time 50%}
            dotazioni:
              - {descrizione: Personal computer, quantita: '6'}
              - {descrizione: Autovettura di servizio, quantita: '1'}
            risorse_finanziarie:
              - {descrizione: Spese correnti del servizio, importo: '12.500,00 €'}
    """,
    "obiettivi/area-servizi.yaml": """
        struttura: area-servizi
        obiettivi:
          - id: prerequisito
            codice: '0'
            titolo: Ricognizione dei procedimenti
            tipo: mantenimento
            peso: X
            fasi:
              - descrizione: Ricognizione
                incidenza: 100
                scadenza: 30.09.2026
                rilevazioni: [{data: 31/12/2026, atteso: 100%, raggiunto: 20%}]
          - id: sportello
            codice: '1'
            titolo: Sportello unico
            tipo: sviluppo
            peso: 60%
            fasi:
              - codice: A
                descrizione: Apertura dello sportello
                incidenza: 100
                scadenza: 30-06-2026
                cronoprogramma:
                  - {periodo: 2026-03, segno: ×}
                  - {periodo: 2026-04, segno: ×}
                  - {periodo: 2026-05, segno: ×}
                rilevazioni: [{data: 31/12/2026, atteso: 100%, raggiunto: 100%}]
            indicatori:
              - nome: Apertura
                tipo: tempo
                valore_atteso: entro il 30/06
                rilevazioni: [{data: 31/12/2026, raggiunto: 25/06}]
          - id: senza-tipo
            codice: '2'
            titolo: Carta dei servizi
            peso: 40
            fasi:
              - descrizione: Redazione
                incidenza: 100
                rilevazioni: [{data: 31/12/2026, atteso: 100%, raggiunto: 50%}]
    """,
    "valore-pubblico.yaml": None,
    "azioni-positive.yaml": None,
}


@pytest.fixture(scope="module")
def performance(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("performance"), PERFORMANCE, plugin={"prefisso": "piano-performance"})
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site_build"


def test_a_prerequisite_objective_keeps_its_weight_as_written_and_stays_out_of_the_weighted_mean(performance):
    objective = page(performance, "/piano-performance/2026/obiettivi/prerequisito/")
    assert "Peso X" in objective.text
    relazione = page(performance, "/piano-performance/2026/relazione-2026/")
    rows = relazione.table("Obiettivi di Area servizi")["rows"][1:]
    assert [row[1] for row in rows] == ["X", "60%", "40"+"%"]
    # 100% × 60 + 50% × 40 over 100: the prerequisite (20%) is not counted, not even with weight 0.
    assert "Avanzamento complessivo dell'ente: 80%" in relazione.text
    rows = list(csv.DictReader(io.StringIO((performance / "dati/2026/obiettivi.csv").read_text(encoding="utf-8"))))
    assert [row["peso"] for row in rows] == ["X", "60", "40"]


def test_the_objective_type_is_the_plans_own_and_none_is_invented(performance):
    assert "Tipo di obiettivo mantenimento" in page(performance, "/piano-performance/2026/obiettivi/prerequisito/").text
    assert "Tipo di obiettivo sviluppo" in page(performance, "/piano-performance/2026/obiettivi/sportello/").text
    html = (performance / "piano-performance/2026/obiettivi/senza-tipo/index.html").read_text(encoding="utf-8")
    assert "<dt>Tipo di obiettivo</dt>" not in html
    rows = list(csv.DictReader(io.StringIO((performance / "dati/2026/obiettivi.csv").read_text(encoding="utf-8"))))
    assert [row["tipo"] for row in rows] == ["mantenimento", "sviluppo", ""]


def test_a_timetable_of_marks_is_drawn_as_written(performance):
    objective = page(performance, "/piano-performance/2026/obiettivi/sportello/")
    table = objective.table("Cronoprogramma: periodi in cui è prevista ciascuna fase")
    assert table["rows"][0] == ["Fase", "marzo 2026", "aprile 2026", "maggio 2026"]
    assert table["rows"][1] == ["A", "×", "×", "×"]
    html = (performance / "piano-performance/2026/obiettivi/sportello/index.html").read_text(encoding="utf-8")
    gantt = html[html.index('aria-label="Cronoprogramma delle fasi"'):]
    gantt = gantt[:gantt.index("</svg>")]
    assert gantt.count('class="tp-barra-valore"') == 3
    assert "fase A da marzo 2026 a maggio 2026" in objective.text


def test_the_resources_of_a_cost_centre_are_on_its_page_and_in_open_data(performance):
    unit = page(performance, "/piano-performance/2026/strutture/area-servizi/")
    assert "Centro di costo CDC 04" in unit.text
    assert unit.table("Personale per categoria")["rows"][1:] == [["D", "amministrativo", "2", ""],
                                                                 ["C", "istruttore", "3 part-time 50%", ""]]
    assert unit.table("Dotazioni strumentali")["rows"][2] == ["Autovettura di servizio", "1", ""]
    assert unit.table("Risorse finanziarie")["rows"][1] == ["Spese correnti del servizio", "12.500,00 €", ""]
    rows = list(csv.DictReader(io.StringIO(
        (performance / "dati/2026/risorse-strutture.csv").read_text(encoding="utf-8"))))
    assert [(r["risorsa"], r["voce"], r["quantita"] or r["importo"]) for r in rows] == [
        ("personale", "D", "2"), ("personale", "C", "3 part-time 50%"), ("dotazione", "Personal computer", "6"),
        ("dotazione", "Autovettura di servizio", "1"), ("finanziaria", "Spese correnti del servizio", "12.500,00 €")]
    assert all(r["centro_di_costo"] == "CDC 04" for r in rows)
    printed = page(performance, "/piano-performance/2026/stampa/")  # the print page carries them too
    assert "Centro di costo: CDC 04" in printed.text
    assert printed.table("Personale per categoria – Area servizi")["rows"][2] == ["C", "istruttore", "3 part-time 50%", ""]


def test_the_document_is_named_as_what_it_is_at_its_own_address(performance):
    home = page(performance, "/piano-performance/2026/")
    assert home.headings[0] == (1, "Piano della performance 2026")
    assert "PIAO" not in home.text
    objective = page(performance, "/piano-performance/2026/obiettivi/sportello/")
    assert objective.text.count("Piano della performance 2026") >= 1 and "PIAO" not in objective.text
    assert "Piano della performance" in page(performance, "/").text
    index = json.loads((performance / "search/search_index.json").read_text(encoding="utf-8"))
    assert not any("PIAO" in entry["title"] for entry in index["docs"])
    catalogue = (performance / "dati/catalogo.jsonld").read_text(encoding="utf-8")
    assert "Catalogo dei dati del Piano della performance" in catalogue and "PIAO" not in catalogue
    assert not (performance / "piao").exists()


def test_a_piao_keeps_its_addresses(tmp_path):
    root = write_site(tmp_path)
    assert build(root).returncode == 0
    assert (root / "site_build/piao/2024-2026/index.html").is_file()
    assert page(root / "site_build", "/piao/2024-2026/").headings[0][1] == "Piano integrato di attività e organizzazione 2024-2026"


def test_dates_as_offices_write_them(performance):
    objective = page(performance, "/piano-performance/2026/obiettivi/sportello/")
    # Read as dates (the deadline is checked against the plan's period), shown as written.
    assert "30-06-2026" in objective.table("Fasi")["rows"][1]
    assert "30.09.2026" in page(performance, "/piano-performance/2026/obiettivi/prerequisito/").text
    rows = list(csv.DictReader(io.StringIO((performance / "dati/2026/fasi.csv").read_text(encoding="utf-8"))))
    assert [row["scadenza"] for row in rows] == ["2026-09-30", "2026-06-30", ""]  # open data: ISO dates
    # «entro il 30/06» in an annual plan: the plan's year, said beside the target; «25/06» is a date.
    results = objective.table("Risultati alle date di rilevazione")
    assert results["rows"][1][1] == "entro il 30/06 (scadenza intesa al 30/06/2026: l'anno è quello del piano)"
    assert results["rows"][1][2] == "25/06"
    assert "raggiunto" in results["rows"][1][4]


def test_a_relazione_from_year_end_readings_says_it_is_not_yet_validated(performance):
    relazione = page(performance, "/piano-performance/2026/relazione-2026/")
    assert relazione.headings[0] == (1, "Relazione sulla performance 2026")
    assert "Validazione non ancora validata dall'Organismo indipendente di valutazione" in relazione.text
    assert "Approvazione non indicata nei dati" in relazione.text


def test_interim_readings_make_a_monitoring_report_not_a_relazione(tmp_path):
    files = {"obiettivi/area-servizi.yaml": """
        struttura: area-servizi
        obiettivi:
          - id: mense
            titolo: Mense digitali
            fasi:
              - descrizione: Avvio
                incidenza: 100
                rilevazioni: [{data: 31/07/2026, atteso: 50%, raggiunto: 40%}]
    """}
    root = write_site(tmp_path, files)
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site_build"
    assert not (site / "piao/2024-2026/relazione-2026").exists()
    report = page(site, "/piao/2024-2026/monitoraggio-2026/")
    assert report.headings[0] == (1, "Monitoraggio intermedio al 31/07/2026")
    assert "Monitoraggio intermedio, non la Relazione sulla performance" in report.text
    obligation = page(site, "/amministrazione-trasparente/performance/relazione-performance/")
    assert "Monitoraggio intermedio" not in obligation.text
    assert "Monitoraggio intermedio al 31/07/2026" in page(site, "/piao/2024-2026/obiettivi/mense/").text


def test_a_validated_relazione_shows_its_approval_and_validation_at_the_top(tmp_path):
    files = dict(PERFORMANCE)
    files["piano.yaml"] = PERFORMANCE["piano.yaml"] + """
        relazioni:
          - anno: 2026
            approvazione: {organo: Giunta comunale, tipo: Deliberazione, numero: '50', data: 30/05/2027}
            validazione: {organo: Nucleo di valutazione, tipo: Verbale, numero: '2', data: 20/06/2027,
                          url: 'https://comune.prova.it/validazione-2026.pdf'}
    """
    root = write_site(tmp_path, files)
    assert build(root).returncode == 0
    relazione = page(root / "site_build", "/piao/2026/relazione-2026/")
    assert "Approvazione Deliberazione – Giunta comunale n. 50 del 30/05/2027" in relazione.text
    assert "Validazione Nucleo di valutazione, il 20/06/2027 (Verbale n. 2)" in relazione.text
    assert "non ancora validata" not in relazione.text
    assert "https://comune.prova.it/validazione-2026.pdf" in relazione.links


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trasparenza.cli", *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("files, message", [
    ({"obiettivi/area-servizi.yaml": MINI["obiettivi/area-servizi.yaml"].replace("peso: 100\n            finalita",
                                                                                "peso: circa metà\n            finalita")},
     "errore [obiettivi[1].peso]: «circa metà» non è un peso"),
    ({"obiettivi/area-servizi.yaml": MINI["obiettivi/area-servizi.yaml"].replace(
        "scadenza: 31/03/2024", "scadenza: 31/03/2024\n                cronoprogramma: [{periodo: 2024-01}]")},
     "errore [obiettivi[1].fasi[1].cronoprogramma[1]]: il periodo 2024-01 non ha né «percentuale» né «segno»"),
    ({"accessibilita.yaml": MINI["accessibilita.yaml"].replace("stato_conformita: conforme",
                                                               "stato_conformita: null")},
     "errore [stato_conformita]: «stato_conformita» è obbligatorio: null non è ammesso qui"),
])
def test_validate_and_build_give_the_same_messages(tmp_path, files, message):
    root = write_site(tmp_path, files)
    built = build(root)
    checked = cli("validate", ".", cwd=root)
    assert built.returncode == 1 and checked.returncode == 1
    assert message in built.stderr, built.stderr[-2000:]
    assert message in checked.stdout, checked.stdout[-2000:]


def test_null_means_left_out_where_a_field_may_be_left_out(tmp_path):
    statement = MINI["accessibilita.yaml"] + """
        norma: null
        contenuti_non_accessibili: null
        procedura_attuazione: null
    """
    root = write_site(tmp_path, {"accessibilita.yaml": statement})
    result = build(root)
    assert result.returncode == 0, result.stderr[-2000:]


def test_readme_names_the_statement_fields_that_refuse_null():
    """The README says which parts of the statement cannot be null; the schema agrees."""
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    schema = json.loads((REPO / "schema/accessibilita.schema.json").read_text(encoding="utf-8"))
    required = set(schema["required"])
    sentence = readme[readme.index("Le parti che non conoscete"):][:400]
    for field in schema["properties"]:
        named = f"`{field}`" in sentence
        assert named == (field in required and field != "url"), (field, sentence)


def test_a_plan_kept_online_on_purpose_is_not_reported(tmp_path):
    from test_piani import multi_site, plan

    old = plan("2017-2019", pubblicato_il="31/01/2017")
    old["piani/2017-2019/piano.yaml"] += "resta_pubblicato: produce ancora effetti (opere pluriennali in corso)\n"
    root = multi_site(tmp_path, old, plan("2024-2026"))
    result = mkdocs(root, "build")  # (the sample plan's 2024 dates are outside 2017-2019: other warnings)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "doveva restare pubblicato" not in result.stderr
    archive = page(root / "site_build", "/piao/")
    assert "resta pubblicato oltre: produce ancora effetti (opere pluriennali in corso)" in archive.text
    reported = multi_site(tmp_path / "altro", plan("2017-2019", pubblicato_il="31/01/2017"), plan("2024-2026"))
    message = build(reported).stderr
    assert "scrivi il motivo in piano.yaml («resta_pubblicato: produce ancora effetti…»)" in message
    assert mkdocs(reported, "build").returncode == 0


@pytest.mark.parametrize("count, preposition, article", [
    (11, "di", "degli"), (8, "di", "degli"), (80, "di", "degli"), (800, "in", "negli"), (11_000, "", "gli"),
    (12, "di", "dei"), (1, "", "i"), (110, "di", "dei"), (1_100, "di", "dei"), (18, "a", "ai"), (3, "su", "sui"),
])
def test_the_plural_article_follows_the_number_as_read(count, preposition, article):
    from trasparenza.italian import plural_article

    assert plural_article(count, preposition) == article


def test_the_new_shapes_round_trip_through_a_workbook(tmp_path):
    """Weights «X», marks, a cost centre's resources, the document's kind and the Relazione's acts travel to
    xlsx and back as written; a number typed in a euro-formatted cell stays an amount in euro."""
    import yaml
    from openpyxl import load_workbook

    from trasparenza.exports import workbook as fogli_xlsx

    files = dict(PERFORMANCE)
    files["piano.yaml"] = PERFORMANCE["piano.yaml"] + """
        relazioni:
          - anno: 2026
            validazione: {organo: Nucleo di valutazione, data: 20/06/2027}
    """
    root = write_site(tmp_path / "sito", files)
    issues, rows = fogli_xlsx.export(root / "data", tmp_path / "piano.xlsx", root)
    assert not issues and rows
    workbook = load_workbook(tmp_path / "piano.xlsx")
    sheet = next(workbook[name] for name in workbook.sheetnames if name.endswith("risorse_finanziarie"))
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("importo") + 1)
    cell.value, cell.number_format = 12500, '#,##0.00 "€"'
    workbook.save(tmp_path / "piano.xlsx")
    problems, written = fogli_xlsx.import_workbook(tmp_path / "piano.xlsx", tmp_path / "dati")
    assert problems == [] and written
    units = yaml.safe_load((tmp_path / "dati/struttura.yaml").read_text(encoding="utf-8"))["strutture"][0]
    assert units["risorse_finanziarie"][0]["importo"] == "12.500,00 €"
    assert units["personale"][1] == {"categoria": "C", "profilo": "istruttore", "numero": "3 part-time 50%"}
    objectives = yaml.safe_load((tmp_path / "dati/obiettivi/area-servizi.yaml").read_text(encoding="utf-8"))
    assert [o.get("peso") for o in objectives["obiettivi"]] == ["X", "60%", "40"]
    assert objectives["obiettivi"][1]["fasi"][0]["cronoprogramma"][0] == {"periodo": "2026-03", "segno": "×"}
    plan = yaml.safe_load((tmp_path / "dati/piano.yaml").read_text(encoding="utf-8"))
    assert plan["documento"] == "Piano della performance"
    assert plan["relazioni"][0]["validazione"]["organo"] == "Nucleo di valutazione"


def test_open_data_leaves_empty_what_the_plan_does_not_say(performance):
    """A missing value is an empty cell (null in JSON), never the text «None»."""
    for path in (performance / "dati").rglob("*.csv"):
        assert "None" not in path.read_text(encoding="utf-8"), path
    for path in (performance / "dati").rglob("*.json"):
        assert '"None"' not in path.read_text(encoding="utf-8"), path


def test_a_two_digit_year_is_the_year_written():
    from trasparenza.analysis import results
    from trasparenza.analysis.targets import parse_target, parse_value
    from datetime import date

    esito = results.evaluate(parse_target("entro il 30/06/25", ">=", 2026), parse_value("20/06/2025"),
                             date(2025, 12, 31), anno=2026)
    assert esito.target.scadenza == date(2025, 6, 30) and esito.spiegazione == ""
    esito = results.evaluate(parse_target("entro il 30/06", ">=", 2026), parse_value("20/06"), date(2026, 12, 31),
                             anno=2026)
    assert esito.spiegazione == "scadenza intesa al 30/06/2026: l'anno è quello del piano"


@pytest.mark.parametrize("extra, message", [
    ("semplificato: true\n", "«semplificato: true» vale solo per un PIAO, non per il documento «Piano della performance»"),
    ("relazioni: [{anno: 2025}, {anno: 2026}, {anno: 2026}]\n", "la Relazione 2026 è indicata due volte"),
    ("relazioni: [{anno: 2025}]\n", "i dati non hanno rilevazioni di fine anno del 2025"),
])
def test_contradictions_in_the_plan_are_reported(tmp_path, extra, message):
    files = dict(PERFORMANCE)
    files["piano.yaml"] = PERFORMANCE["piano.yaml"].rstrip(" ") + "        " + extra
    root = write_site(tmp_path, files)
    result = build(root)
    assert result.returncode == 1 and message in result.stderr, result.stderr[-2000:]


def test_a_month_without_marks_stays_visible_as_a_gap():
    """In-process: the page plan's timetable keeps every month from the first to the last."""
    from trasparenza.render import charts
    from trasparenza.analysis.index import _periods, period_label
    from trasparenza.model import Obiettivo

    obiettivo = Obiettivo.model_validate({"id": "o", "titolo": "O", "struttura": "s", "fasi": [
        {"codice": "1", "descrizione": "F", "cronoprogramma": [
            {"periodo": p, "segno": "×"} for p in ("2026-03", "2026-04", "2026-05", "2026-09")]}]})
    assert _periods(obiettivo) == ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09"]
    chart = charts.gantt("g", obiettivo, _periods(obiettivo), period_label)
    assert "fase 1 da marzo 2026 a maggio 2026 e in settembre 2026" in chart.sintesi
    assert str(chart.svg).count('class="tp-barra-valore"') == 4


def test_at_an_interim_date_an_objective_waiting_for_measurements_is_in_progress():
    from datetime import date

    from trasparenza.analysis import results
    from trasparenza.model import Obiettivo

    obiettivo = Obiettivo.model_validate({"id": "o", "titolo": "O", "struttura": "s", "fasi": [
        {"descrizione": "Prima", "incidenza": 50, "rilevazioni": [{"data": "31/07/2026", "atteso": "100%",
                                                                    "raggiunto": "100%"}]},
        {"descrizione": "Seconda", "incidenza": 50}]})
    assert results.objective_status(obiettivo, date(2026, 7, 31)) == results.IN_CORSO


def test_null_survives_the_spreadsheet(tmp_path):
    """«peso_totale_per_struttura: null» (no check of the weights' sum) is not the same as leaving it out."""
    import yaml

    from trasparenza.exports import workbook as fogli_xlsx

    files = dict(PERFORMANCE)
    files["piano.yaml"] = PERFORMANCE["piano.yaml"].rstrip(" ") + "        peso_totale_per_struttura: null\n"
    root = write_site(tmp_path / "sito", files)
    issues, _ = fogli_xlsx.export(root / "data", tmp_path / "piano.xlsx", root)
    assert not issues
    problems, _ = fogli_xlsx.import_workbook(tmp_path / "piano.xlsx", tmp_path / "dati")
    assert problems == []
    plan = yaml.safe_load((tmp_path / "dati/piano.yaml").read_text(encoding="utf-8"))
    assert "peso_totale_per_struttura" in plan and plan["peso_totale_per_struttura"] is None


@pytest.mark.parametrize("name, joined", [
    ("Comune di Segrate", "del Comune di Segrate"), ("Unione dei comuni del Verbano", "dell'Unione dei comuni del Verbano"),
    ("Città metropolitana di Milano", "della Città metropolitana di Milano"), ("Roma Capitale", "di Roma Capitale"),
])
def test_the_ente_is_named_as_italian_joins_it(name, joined):
    from trasparenza.model.ente import preposition_di

    assert preposition_di(name) == joined


def test_a_peg_names_its_objectives_of_management(tmp_path):
    files = dict(PERFORMANCE)
    files["piano.yaml"] = PERFORMANCE["piano.yaml"].replace("documento: Piano della performance", "documento: PEG")
    root = write_site(tmp_path, files)
    assert build(root).returncode == 0
    site = root / "site_build"
    assert page(site, "/piao/2026/obiettivi/").headings[0] == (1, "Obiettivi di gestione")
    assert "I piani del Comune di Prova" in page(site, "/piao/").text
    assert "PIAO" not in page(site, "/piao/2026/").text


@pytest.mark.parametrize("value", ["> 50%", ">= 95%", "* nota", "`12`", "| a", "& altri"])
def test_a_value_beginning_with_a_yaml_mark_gets_the_quoted_fix(value):
    from trasparenza.loading import reader as loader

    document, issues = loader.parse(f"struttura: a\nnote: {value}\n", "f.yaml")
    assert document is None
    assert issues[0].message == f"il valore «{value}» comincia con un segno che in YAML ha un significato speciale"
    assert issues[0].hint == f"racchiudi il testo tra virgolette: note: '{value}'"


def test_a_value_taken_for_a_comment_is_reported(tmp_path):
    files = {"obiettivi/area-servizi.yaml": MINI["obiettivi/area-servizi.yaml"].replace(
        'valore_atteso: "≥ 80%"', "valore_atteso: # 3 sedute")}
    root = write_site(tmp_path, files)
    result = build(root)
    assert result.returncode == 1
    assert ("avviso [valore_atteso]: «valore_atteso» è vuoto: per YAML «# 3 sedute» è un commento, non il valore"
            in result.stderr), result.stderr[-2000:]
