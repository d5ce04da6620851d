"""Sottosezione 2.3 «Rischi corruttivi e trasparenza» as data: real builds of a small site with a map of
processes, measures and obligations in shapes the examples do not use (a scale of three levels, an
indicator of the ente's own, a measure never measured, a measure with a text value), and the messages a
mistake gets."""

from __future__ import annotations

import subprocess
import sys

from conftest import ENV, Page, build, page, write_site


def trasparenza(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trasparenza.cli", *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)

SCALA = """
    scala: [bassa, media, elevata]
    indicatori: [Interesse esterno, Discrezionalità, Pressioni segnalate dagli uffici]
    rpct: {nome: Rita Prova, qualifica: Segretaria generale}
    contesto_esterno: Un territorio *tranquillo*.
"""
AREE = """
    aree_rischio:
    - id: contratti
      codice: B
      titolo: Contratti pubblici
      processi:
      - id: affidamenti
        titolo: Affidamenti sotto soglia
        struttura: area-servizi
        strutture_coinvolte: [ufficio-scuola]
        fasi: [Scelta del fornitore, '> 40.000 € con gara']
        rischi:
        - id: frazionamento
          descrizione: Frazionamento dell'appalto
          valutazione:
          - {indicatore: Interesse esterno, valore: '> media', motivazione: Importi alti}
          - {indicatore: Pressioni segnalate dagli uffici, valore: nessuna}
          giudizio: elevata
    - id: sussidi
      titolo: Sussidi alle famiglie
      generale: false
      processi:
      - id: buoni-mensa
        titolo: Buoni mensa
        struttura: ufficio-scuola
"""
MISURE = """
    misure:
    - id: rotazione-fornitori
      codice: MS.1
      titolo: Rotazione dei fornitori
      tipo: specifica
      rischi: [frazionamento]
      struttura: area-servizi
      obiettivi: [mense-digitali]
      indicatori:
      - nome: Affidamenti allo stesso fornitore
        valore_atteso: '0'
        rilevazioni:
        - {data: 31/07/2024, raggiunto: '0'}
    - id: codice-comportamento
      titolo: Codice di comportamento
      tipo: generale
      categoria: codice di comportamento
      indicatori:
      - nome: Codice approvato
        valore_atteso: entro il 30/09/2024
        rilevazioni:
        - {data: 31/07/2024}
"""
OBBLIGHI = """
    obblighi:
    - sezione: Disposizioni generali
      sottosezione: Piano triennale per la prevenzione della corruzione e della trasparenza
      denominazione: Piano anticorruzione
      voce: piano-prevenzione-corruzione
      trasmissione: area-servizi
      pubblicazione: ufficio-scuola
      aggiornamento: annuale
      termini: entro 30 giorni
    - sezione: Bandi di gara e contratti
      denominazione: Affidamenti
      trasmissione: area-servizi
      pubblicazione: area-servizi
      aggiornamento: tempestivo
      url: https://esempio.example.org/bandi
"""
FILES = {"rischi-corruttivi.yaml": SCALA, "aree-rischio.yaml": AREE, "misure-prevenzione.yaml": MISURE,
         "obblighi-pubblicazione.yaml": OBBLIGHI}


def test_the_section_its_pages_and_the_links_both_ways(tmp_path):
    root = write_site(tmp_path / "sito", FILES)
    done = build(root)
    assert done.returncode == 0, done.stderr
    site = root / "site_build"
    base = next((site / "piao").iterdir())
    home = page(site, f"piao/{base.name}/rischi-corruttivi")
    assert "Rita Prova" in home.text and "Un territorio tranquillo" in home.text
    assert "dal più basso al più alto: bassa, media, elevata" in home.text
    assert "Rischio elevata" in home.text  # the plan's own words, as the column's name
    processo = page(site, f"piao/{base.name}/rischi-corruttivi/processi/affidamenti")
    assert "> 40.000 € con gara" in processo.text and "> media" in processo.text  # values as written
    assert "Pressioni segnalate dagli uffici" in processo.text and "nessuna" in processo.text
    assert any(href.endswith("misure/rotazione-fornitori/") for href in processo.links)
    misura = page(site, f"piao/{base.name}/rischi-corruttivi/misure/rotazione-fornitori")
    assert any(href.endswith("obiettivi/mense-digitali/") for href in misura.links)
    assert any(href.endswith("processi/affidamenti/") for href in misura.links)
    obiettivo = page(site, f"piao/{base.name}/obiettivi/mense-digitali")
    assert "Misure di prevenzione della corruzione attuate" in obiettivo.text
    assert any(href.endswith("misure/rotazione-fornitori/") for href in obiettivo.links)
    struttura = page(site, f"piao/{base.name}/strutture/ufficio-scuola")
    assert any(href.endswith("processi/buoni-mensa/") for href in struttura.links)
    # Honest status: a measure whose rilevazione has no value is not yet measured, never reached.
    registro = page(site, f"piao/{base.name}/rischi-corruttivi/misure")
    assert "non ancora rilevato" in registro.text
    assert "Misure generali" in registro.text and "Misure specifiche" in registro.text
    # The AT obligation shows who sends and who publishes, and how often, from the data.
    at = page(site, "amministrazione-trasparente/disposizioni-generali/piano-prevenzione-corruzione")
    assert "Responsabile della trasmissione dei dati" in at.text and "annuale" in at.text
    assert "entro 30 giorni" in at.text
    assert any(href.endswith("rischi-corruttivi/") for href in at.links)
    assert page(site, "amministrazione-trasparente/altri-contenuti/prevenzione-corruzione").text.count("Rita Prova") == 1
    obblighi = page(site, f"piao/{base.name}/rischi-corruttivi/obblighi")
    assert "https://esempio.example.org/bandi" in obblighi.links
    assert "sul sito istituzionale dell'ente" in obblighi.text
    # Open data: the four datasets.
    for name in ("processi", "rischi", "misure", "obblighi"):
        assert (site / "dati" / f"{name}.csv").is_file() or list(site.glob(f"dati/*/{name}.csv")), name
    csv = next(site.rglob("rischi.csv")).read_text(encoding="utf-8")
    assert "> media" in csv and "giudizio" in csv and "elevata" in csv


def test_every_mistake_names_its_file_line_and_field(tmp_path):
    wrong = dict(FILES)
    wrong["aree-rischio.yaml"] = AREE.replace("giudizio: elevata", "giudizio: alta").replace(
        "indicatore: Interesse esterno", "indicatore: Interese esterno").replace("struttura: ufficio-scuola",
                                                                               "struttura: ufficio-scuole")
    wrong["misure-prevenzione.yaml"] = MISURE.replace("rischi: [frazionamento]", "rischi: [frazionament]")
    wrong["obblighi-pubblicazione.yaml"] = OBBLIGHI.replace("pubblicazione: ufficio-scuola", "pubblicazione: ragioneria")
    root = write_site(tmp_path / "sito", wrong)
    done = trasparenza("validate", cwd=root)
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert "data/aree-rischio.yaml:17:" in out and "il giudizio «alta» non è nella scala del piano (bassa, media, elevata)" in out
    assert "«Interese esterno» non è uno degli indicatori" in out and "forse intendevi «Interesse esterno»?" in out
    assert "«ufficio-scuole» non corrisponde a nessuna struttura" in out
    assert "data/misure-prevenzione.yaml:" in out and "«frazionament» non corrisponde a nessun rischio" in out
    assert "forse intendevi «frazionamento»?" in out
    assert "[obblighi[2].pubblicazione]" in out or "[obblighi[1].pubblicazione]" in out
    assert "Traceback" not in out


def test_a_simplified_piao_has_no_performance_pages(tmp_path):
    files = dict(FILES)
    files["obiettivi/area-servizi.yaml"] = None
    files["valore-pubblico.yaml"] = None
    files["azioni-positive.yaml"] = None
    files["misure-prevenzione.yaml"] = MISURE.replace("obiettivi: [mense-digitali]", "")
    root = write_site(tmp_path / "sito", files)
    piano = (root / "data" / "piano.yaml").read_text(encoding="utf-8")
    (root / "data" / "piano.yaml").write_text(piano + "documento: PIAO semplificato\n", encoding="utf-8")
    done = build(root)
    assert done.returncode == 0, done.stderr
    site = root / "site_build"
    base = next((site / "piao").iterdir())
    assert not (base / "obiettivi").exists() and not (base / "valore-pubblico").exists()
    home = Page((base / "index.html").read_text(encoding="utf-8"))
    assert home.text.count("Non prevista nel PIAO semplificato") == 3
    assert any(href.endswith("rischi-corruttivi/") for href in home.links)
    stampa = Page((base / "stampa" / "index.html").read_text(encoding="utf-8"))
    assert "Obiettivi per struttura" not in stampa.text and "Rotazione dei fornitori" in stampa.text
    at = page(site, "amministrazione-trasparente/performance/piano-performance")
    assert "PIAO semplificato" in at.text
