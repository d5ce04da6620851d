"""The model holds what the other seed plans publish (Segrate, Leggiuno, seeds 000 and 001)."""

from __future__ import annotations

from conftest import MINI, build, page, write_site

SEGRATE = {
    "ente.yaml": "denominazione: Comune di Segrate\n",
    "piano.yaml": "titolo: Piano della Performance 2023-2025\ntriennio: 2023-2025\nannualita: 2023\n",
    "struttura.yaml": """
        strutture:
          - id: affari-generali
            tipo: direzione
            nome: Direzione Affari Generali e Servizi al Cittadino
            dirigente: {nome: Bellagamba Patrizia}
            assessore: Bellatorre Guido
          - id: istruzione
            tipo: sezione
            nome: Istruzione e formazione
            parte_di: affari-generali
            responsabile: {nome: Calvano Antonio, qualifica: PO / Responsabile}
    """,
    "valore-pubblico.yaml": """
        indirizzi:
          - id: segrate-attenta
            titolo: Segrate attenta ai cittadini
            obiettivi_strategici:
              - id: os-1-05
                codice: "1.05"
                titolo: Segrate attenta ai cittadini di domani
                missione: {codice: "12", denominazione: "Diritti sociali, politiche sociali e famiglia"}
                programma: {codice: "01", denominazione: "Interventi per l'infanzia e i minori e per asili nido"}
                progetti:
                  - {codice: "1.05.01", titolo: "Favorire l'accesso ai servizi dedicati ai bambini tra 0 e 6 anni"}
    """,
    "obiettivi/istruzione.yaml": """
        struttura: istruzione
        obiettivi:
          - id: scheda-7
            codice: "7"
            tipo: gestionale
            titolo: Istituzionalizzazione dei tavoli permanenti per l'educazione della prima infanzia
            obiettivo_strategico: os-1-05
            obiettivo_operativo: Tavoli permanenti per l'educazione
            progetto: 1.05.01 - Favorire l'accesso ai servizi dedicati ai bambini tra 0 e 6 anni
            orizzonte: "2023"
            fasi:
              - codice: "1"
                descrizione: presentazione proposte a Distretto sociale
                cronoprogramma:
                  - {periodo: 2023-01, percentuale: 50}
                  - {periodo: 2023-02, percentuale: 50}
              - codice: "2"
                descrizione: accordi con Distretto su finanziamento evento formativo
                cronoprogramma:
                  - {periodo: 2023-02, percentuale: 50}
                  - {periodo: 2023-03, percentuale: 50}
            indicatori:
              - nome: n. interventi formativi realizzati
                tipo: quantità
                valore_atteso: "1"
                rilevazioni:
                  - {data: 31/07/2023, raggiunto: "0", scostamento: "-1"}
              - nome: media valutazione risposte a questionario
                tipo: qualità
                valore_atteso: superiore a 7 su 10
            personale:
              - {categoria: C, nome: GIUFFRE' TINDARA GIULIANA, partecipazione: "70,00%"}
              - {categoria: D, nome: CUCCO ELENA, partecipazione: "30,00%"}
            risorse:
              - {descrizione: sono attesi finanziamenti del Distretto Sociale Est Milano, costo: "- €"}
          - id: istituzionale-nidi
            tipo: istituzionale
            titolo: Gestione asili nido
            indicatori:
              - nome: bambini iscritti
                serie:
                  - {periodo: a.s. 2019/2020, valore: "120"}
                  - {periodo: a.s. 2020/2021, valore: "118"}
                target:
                  - {periodo: "2023", valore: "≥ 120"}
    """,
}

LEGGIUNO_OBIETTIVI = """
    struttura: area-servizi
    obiettivi:
      - id: benessere-in-comune
        codice: "1.1"
        tipo: esecutivo
        titolo: BENESSERE IN COMUNE
        peso: 100
        valore_pubblico: Migliorare il benessere delle famiglie
        fasi:
          - codice: "1"
            descrizione: Stesura del piano operativo
            indicatori:
              - {nome: Approvazione piano operativo, indice: Tempo previsto, valore_atteso: Entro 31.12.2024}
            personale: "Titolare Elevata Qualificazione: Clarissa Sartori"
"""

SEED_001_000 = {
    "azioni-positive.yaml": """
        titolo: Piano Triennale delle Azioni Positive
        aree:
          - id: area-1
            codice: "1"
            titolo: Valorizzazione della formazione e del potenziale femminile
            obiettivi: [Favorire e sostenere l'emergere dei talenti femminili.]
            copertura_finanziaria: Comporta oneri di spesa pari ad € 1.000=
            azioni:
              - id: azione-1-2-2
                codice: 1.2.2
                obiettivo_specifico: 1.2. Favorire il miglioramento dei servizi
                titolo: Fornire strumenti idonei alla prevenzione del disagio lavorativo
                soggetti_attuatori: Servizio Personale e CUG e P.O
                destinatari: Tutte/i le/i dipendenti
                indicatori:
                  - {descrizione: Corso di formazione per le PO sulle dinamiche del disagio lavorativo, annualita: [2, 3]}
                  - {descrizione: Miglioramento dei comportamenti, annualita: [3]}
    """,
    "valore-pubblico.yaml": """
        indirizzi:
          - id: ovpt
            titolo: Obiettivi di valore pubblico territoriale
            obiettivi_strategici:
              - {id: ovpt-1, codice: OVPT 1, titolo: "Educazione, cultura e formazione integrata"}
              - {id: scuola-inclusiva, titolo: Scuola inclusiva}
    """,
    "azioni-miglioramento.yaml": """
        azioni:
          - id: formazione-ovpt-1
            azione: Formazione Risorse Umane Dedicata
            obiettivo_valore_pubblico: ovpt-1
            obiettivo: Personale maggiormente formato
            area_intervento: Formazione professionale
            formula: Organizzare formazione dedicata come da piano della formazione
            dipendenti_coinvolti: settore 1, 2, 7
            target: Formazione di ore 40 annui al personale dipendente
    """,
}


def test_segrate_sheet_cronoprogramma_monitoring_staff(tmp_path):
    root = write_site(tmp_path / "s", SEGRATE, base={}, plugin={"richiedi_dichiarazione": False})
    result = build(root)
    assert result.returncode == 0, result.stderr
    p = page(root / "site_build", "piao/2023-2025/obiettivi/scheda-7")
    crono = p.table("Cronoprogramma")
    assert crono["rows"][0] == ["Fase", "gennaio 2023", "febbraio 2023", "marzo 2023"]
    assert crono["rows"][1] == ["1", "50%", "50%", ""] and crono["rows"][2] == ["2", "", "50%", "50%"]
    indicatori = p.table("Indicatori")
    assert "superiore a 7 su 10" in indicatori["rows"][2]
    # results with the monitoring dates in columns; a scostamento the document writes is shown as written
    risultati = p.table("Risultati alle date di rilevazione")["rows"]
    header, row = risultati[0], risultati[1]
    assert row[header.index("Valore al 31/07/2023")] == "0"
    assert row[header.index("Scostamento al 31/07/2023")] == "-1"
    assert "1.05 – Segrate attenta ai cittadini di domani" in p.text
    assert "CUCCO" not in p.text and "30,00%" in p.text  # the share as written
    html = (root / "site_build/piao/2023-2025/obiettivi/scheda-7/index.html").read_text()
    assert 'headers="crono-f1 crono-p2"' in html
    nidi = page(root / "site_build", "piao/2023-2025/obiettivi/istituzionale-nidi")
    years = nidi.table("Valori degli anni precedenti e target per anno")["rows"]
    assert years[1][years[0].index("Valore a.s. 2019/2020")] == "120"
    assert years[1][years[0].index("Target 2023")] == "≥ 120"
    unit = page(root / "site_build", "piao/2023-2025/strutture/istruzione")
    assert "Dirigente Bellagamba Patrizia" in unit.text and "Calvano Antonio" in unit.text  # inherited
    assert "Bellatorre Guido" in page(root / "site_build", "piao/2023-2025/strutture/affari-generali").text


def test_leggiuno_activities_with_indicator_index_and_expected_value(tmp_path):
    root = write_site(tmp_path / "s", {"obiettivi/area-servizi.yaml": LEGGIUNO_OBIETTIVI})
    result = build(root)
    assert result.returncode == 0, result.stderr
    p = page(root / "site_build", "piao/2024-2026/obiettivi/benessere-in-comune")
    fasi = p.table("Fasi")
    assert fasi["rows"][0][-2:] == ["Indicatori", "Personale coinvolto"]
    assert "indice: Tempo previsto – valore atteso: Entro 31.12.2024" in fasi["rows"][1][-2]
    assert "Peso 100%" in p.text


def test_positive_actions_by_area_and_improvement_actions_by_ovp(tmp_path):
    files = dict(SEED_001_000)
    files["obiettivi/area-servizi.yaml"] = MINI["obiettivi/area-servizi.yaml"].replace(
        "azioni_positive: [conciliazione]", "azioni_positive: [azione-1-2-2]")
    root = write_site(tmp_path / "s", files)
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site_build" / "piao/2024-2026"
    action = page(site, "azioni-positive/azione-1-2-2")
    assert action.table("Indicatori")["rows"][1:] == [
        ["Corso di formazione per le PO sulle dinamiche del disagio lavorativo", "2, 3"],
        ["Miglioramento dei comportamenti", "3"]]
    assert "Comporta oneri di spesa pari ad € 1.000=" in action.text
    improvement = page(site, "azioni-miglioramento/formazione-ovpt-1")
    assert "OVPT 1 – Educazione, cultura e formazione integrata" in improvement.text
    assert "Formazione di ore 40 annui al personale dipendente" in improvement.text
    assert "../azioni-miglioramento/formazione-ovpt-1/" in page(site, "valore-pubblico").links
