"""Every seed plan is published completely: counts from the source text, samples on the right page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, broken_links, page, project


EXAMPLES = ["alessandria", "segrate", "leggiuno", "azioni-positive", "salute-organizzativa"]


def source_text(example: str) -> str:
    """The text a site was converted from: inside the repository, named by the plan's «testo_origine»."""
    root = project(example)
    name = yaml.safe_load((root / "data" / "piano.yaml").read_text(encoding="utf-8"))["testo_origine"]
    return (root / name).read_text(encoding="utf-8")


def leaf_pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def data(example: str, *parts: str):
    folder = project(example) / "data"
    if parts[-1] == "*":
        return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((folder / parts[0]).glob("*.yaml"))]
    return yaml.safe_load((folder.joinpath(*parts)).read_text(encoding="utf-8"))


def test_segrate_every_sheet_request_and_motivazione(built):
    text = source_text("segrate")
    site = built("segrate") / "piao/2023-2025"
    sheets = text.count("OBIETTIVO GESTIONALE ") + text.count("OBIETTIVO ISTITUZIONALE MODIFICATO")
    assert len(leaf_pages(site / "obiettivi")) == sheets == 16
    requests = len(re.findall(r"^(TITOLO OBIETTIVO|SERVIZIO)\tN\.SCHEDA", text, re.M))
    variations = page(site, "variazioni")
    # one act; under it a heading per objective it changes, each linking the objective's page
    assert len([h for h in variations.headings if h[0] == 3]) == requests == 16
    # every motivazione of the source is on the variations page
    motivazioni = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("Motivazione:"):
            rest = line[len("Motivazione:"):].strip() or next(l for l in lines[i + 1:] if l.strip()).strip()
            motivazioni.append(" ".join(rest.split())[:60])
    assert len(motivazioni) == 32
    for motivazione in motivazioni:
        assert motivazione in variations.text, motivazione
    # institutional indicators: 2020–2022 series and 2023–2025 targets, as in the source tables
    institutional_rows = sum(1 for block in re.findall(r"^Indicatore\tU\.M\.[^\n]*\n((?:[^\n]+\n)+)", text, re.M)
                             for _ in block.strip().split("\n"))
    published = sum(len(o.get("indicatori", [])) for f in data("segrate", "obiettivi", "*") for o in f["obiettivi"]
                    if o["tipo"] == "istituzionale")
    assert published == institutional_rows == 42
    sac = page(site, "obiettivi/istituzionale-8")
    years = sac.table("Valori degli anni precedenti e target per anno")["rows"]
    header, row = years[0], next(r for r in years if r[0].startswith("N. CIE emesse"))
    assert row[header.index("Valore 2020")] == "3.321 / 3" and row[header.index("Target 2023")] == "4.000/8"
    html = (site / "obiettivi/istituzionale-8/index.html").read_text(encoding="utf-8")
    assert html.count('<svg class="tp-grafico" role="img" aria-label="Andamento: ') >= 1  # series charts
    # variations in place: the eliminated objective says so at the top, with its motivazione
    eliminated = page(site, "obiettivi/scheda-7")
    assert eliminated.text.index("Obiettivo eliminato") < eliminated.text.index("Struttura responsabile")
    assert "lo stanziamento non è pervenuto dal distretto" in eliminated.text
    sheet = page(site, "obiettivi/scheda-6")
    assert "Fase modificata con" in sheet.text and "Indicatore eliminato con" in sheet.text
    assert "Indicatore aggiunto con" in sheet.text
    sheet_html = (site / "obiettivi/scheda-6/index.html").read_text(encoding="utf-8")
    assert "<del>" in sheet_html and 'aria-label="Cronoprogramma delle fasi"' in sheet_html  # struck through; Gantt
    assert sheet.table("Cronoprogramma")["rows"][1][:3] == ["1", "50%", "50%"]
    assert "1.04 – Coinvolgere le associazioni del territorio" in sheet.text
    assert "Stesura di atti di natura contrattuale in forma pubblica" in page(site, "obiettivi/istituzionale-16").text
    training = page(site, "variazione-formazione")
    assert "corsi obbligatori trasversali a tutte le direzioni" in training.text
    assert broken_links(built("segrate")) == []


def test_leggiuno_objectives_activities_and_weights(built):
    text = source_text("leggiuno")
    site = built("leggiuno") / "piao/2024-2026"
    executive = len(re.findall(r"OBIETTIVO \d+\.\d+", text))
    organisational = len(re.findall(r"^Obiettivo\t", text, re.M))
    assert len(leaf_pages(site / "obiettivi")) == executive + organisational == 28
    activities = len(re.findall(r"^\d+\.\d+\.\d+\t", text, re.M))
    published = sum(len(o["fasi"]) for o in data("leggiuno", "obiettivi", "area-affari-generali.yaml")["obiettivi"])
    published += sum(len(o["fasi"]) for name in ("area-economico-finanziaria", "area-tecnico-manutentiva",
                                                  "area-polizia-locale", "area-servizi-sociali")
                     for o in data("leggiuno", "obiettivi", f"{name}.yaml")["obiettivi"])
    assert published == activities == 105
    imu = page(site, "obiettivi/obiettivo-2-4")
    assert imu.headings[0] == (1, "Obiettivo 2.4: SERVIZIO AL CITTADINO CALCOLO IMU")
    assert "Peso 10%" in imu.text
    assert "Evasione pratiche – indice: % – valore atteso: 100%" in imu.table("Fasi")["rows"][1][2]
    payments = page(site, "obiettivi/org-rispetto-dei-tempi-di-pagamento")
    assert "≤ 30 giorni" in payments.text and "Tempo medio di pagamento" in payments.text
    valutazione = page(site, "processo-di-valutazione")
    assert "punteggio attribuibile da 0 a 7 punti" in valutazione.text
    assert len(leaf_pages(site / "strutture")) == 6
    assert broken_links(built("leggiuno")) == []


def test_azioni_positive_areas_actions_and_yearly_indicators(built):
    text = source_text("azioni-positive")
    site = built("azioni-positive") / "piao/piano/azioni-positive"
    areas = len(re.findall(r"^AREA DI INTERVENTO \d", text, re.M))
    plan = data("azioni-positive", "azioni-positive.yaml")
    assert len(plan["aree"]) == areas == 4
    # action codes as printed in the source tables (1.1., 1.2.1 … 4.3.2)
    codes = set(re.findall(r"(?m)^\s*(\d\.\d(?:\.\d)?\.?)\s+[A-Za-zÀ-ÿ]", text)) - {"1.1", "1.2.", "1.3", "2.1", "2.2", "2.3",
                                                                                   "3.1", "3.2.", "3.3", "4.1", "4.2", "4.3"}
    published = {a["codice"] for area in plan["aree"] for a in area["azioni"]}
    assert len(leaf_pages(site)) == len(published) == 17
    assert {c.rstrip(".") for c in codes} <= {c.rstrip(".") for c in published}
    action = page(site, "azione-1-2-2")
    assert action.table("Indicatori")["rows"][1:] == [
        ["Corso di formazione per le PO sulle dinamiche del disagio lavorativo", "2, 3"],
        ["Analisi delle criticità e individuazione partecipata di possibili soluzioni", "3"],
        ["Miglioramento dei comportamenti", "3"]]
    assert "Servizio Personale e CUG e P.O" in action.text
    assert "pari ad € 1.000=" in page(site, "azione-3-1-1").text
    assert "Ente non indicato nel documento di origine" in page(built("azioni-positive"), "piao/piano").text
    assert broken_links(built("azioni-positive")) == []


def test_salute_organizzativa_actions_per_ovpt(built):
    text = source_text("salute-organizzativa")
    site = built("salute-organizzativa") / "piao/piano"
    ovpt = len(re.findall(r"AZIONE DI MIGLIORAMENTO DELLA SALUTE", text))
    assert ovpt == 3
    actions = data("salute-organizzativa", "azioni-miglioramento.yaml")["azioni"]
    assert len(leaf_pages(site / "azioni-miglioramento")) == len(actions) == 13
    # each formula of the source appears in the published table of its OVPT
    overview = page(site, "azioni-miglioramento")
    for formula in ("Organizzare formazione dedicata come da piano della formazione",
                    "Garantire ai dipendenti accesso ai servizi scolastici alle medesime condizioni dei residenti",
                    "Incentivi dedicati per le risorse incaricate di garantire interventi immediati",
                    "Attivazione collaborazioni istituzionali tra uffici anagrafe"):
        assert formula in overview.text
    whp = page(site, "azioni-miglioramento/ovpt-2-whp")
    assert "Monitoraggio attuazione step 1 programma WHP “Ambiente libero dal fumo”" in whp.text
    assert "OVPT 2 – SVILUPPO TERRITORIALE INTEGRATO" in whp.text
    assert "Ente non indicato nel documento di origine" in page(built("salute-organizzativa"), "piao/piano").text
    assert broken_links(built("salute-organizzativa")) == []


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_site_names_the_source_text_it_keeps_and_does_not_publish_it(built, example):
    """The source document's text lives in the repository beside the data (no ../shared needed); the plan
    page names it; the site never carries it (it holds names of staff the site does not publish)."""
    plan = data(example, "piano.yaml")
    assert plan["testo_origine"] == "fonte.txt"
    assert len(source_text(example)) > 5000
    site = built(example)
    home = next(page(site, f"piao/{folder}") for folder in ("2022-2024", "2023-2025", "2024-2026", "piano")
                if (site / "piao" / folder / "index.html").is_file())
    assert "conservato insieme ai dati del sito, nel file «fonte.txt»" in home.text
    assert not list(site.rglob("fonte.txt"))


def test_alessandria_every_objective_sheet_of_the_source(built):
    text = source_text("alessandria")
    titles = [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"^Obiettivo (?:[A-Z]|\d+): (.+)$", text, re.M)]
    assert len(titles) == 42
    site = built("alessandria") / "piao/2022-2024"
    index = page(site, "obiettivi").text
    missing = [t for t in titles if " ".join(t.split())[:50] not in index]
    assert missing == []
    # … plus one sheet whose heading the source does not print (published as such)
    assert len(leaf_pages(site / "obiettivi")) == 43
    assert "Titolo non riportato nel documento di origine" in index


def test_nothing_outside_the_repository_is_needed():
    """A fresh clone tests itself: no test, script or CI file reads ../shared (where the seeds first came from)."""
    outside = re.compile(r"\.\./shared|parent\s*/\s*[\"']shared[\"']|/shared/seeds")
    files = [*REPO.glob("tests/**/*.py"), *REPO.glob("bench/*.py"), REPO / "Makefile", REPO / ".ci/run",
             *REPO.glob(".github/**/*.yml"), REPO / ".gitlab-ci.yml"]
    readers = [str(f.relative_to(REPO)) for f in files
               if f.is_file() and f.name != "test_examples.py" and outside.search(f.read_text(encoding="utf-8"))]
    assert readers == []
