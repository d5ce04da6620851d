"""Every seed plan is published completely: counts from the source text, samples on the right page."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, broken_links, build, page

# The seed documents sit beside the repository (../shared/seeds), in CI as on developers' machines.
SEEDS = Path(os.environ.get("TRASPARENZA_SEMI", REPO.parent / "shared" / "seeds"))


def seed(name: str) -> str:
    matches = sorted(SEEDS.glob(f"{name}_*.txt"))
    assert matches, f"documento di origine {name} non trovato in {SEEDS} (../shared/seeds accanto al repository)"
    path = matches[0]
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build each example once (strictly) into a temporary site folder."""
    sites = {}

    def get(name: str) -> Path:
        if name not in sites:
            site = tmp_path_factory.mktemp(name) / "site"
            root = REPO / "examples" / name
            result = build(root, "-d", str(site), config=root / "mkdocs.yml")
            assert result.returncode == 0, result.stderr
            sites[name] = site
        return sites[name]

    return get


def leaf_pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def data(example: str, *parts: str):
    folder = REPO / "examples" / example / "data"
    if parts[-1] == "*":
        return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((folder / parts[0]).glob("*.yaml"))]
    return yaml.safe_load((folder.joinpath(*parts)).read_text(encoding="utf-8"))


def test_segrate_every_sheet_request_and_motivazione(built):
    text = seed("002")
    site = built("segrate") / "piao/2023-2025"
    sheets = text.count("OBIETTIVO GESTIONALE ") + text.count("OBIETTIVO ISTITUZIONALE MODIFICATO")
    assert len(leaf_pages(site / "obiettivi")) == sheets == 16
    requests = len(re.findall(r"^(TITOLO OBIETTIVO|SERVIZIO)\tN\.SCHEDA", text, re.M))
    variations = page(site, "variazioni")
    assert len(variations.table("Obiettivi da eliminare")["rows"]) - 1 == requests == 16
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
    row = next(r for r in sac.table("Indicatori")["rows"] if r[0].startswith("N. CIE emesse"))
    assert "2020: 3.321 / 3" in " ".join(row) and "2023: 4.000/8" in " ".join(row)
    sheet = page(site, "obiettivi/scheda-6")
    assert "Fase eliminata con la variazione" in sheet.text and "Indicatore nuovo con la variazione" in sheet.text
    assert sheet.table("Cronoprogramma")["rows"][1][:3] == ["1", "50%", "50%"]
    assert "1.04 – Coinvolgere le associazioni del territorio" in sheet.text
    assert "Stesura di atti di natura contrattuale in forma pubblica" in page(site, "obiettivi/istituzionale-16").text
    training = page(site, "variazione-formazione")
    assert "corsi obbligatori trasversali a tutte le direzioni" in training.text
    assert broken_links(built("segrate")) == []


def test_leggiuno_objectives_activities_and_weights(built):
    text = seed("003")
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
    text = seed("001")
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
    text = seed("000")
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
