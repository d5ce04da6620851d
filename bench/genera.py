"""Synthetic Trasparenza site for the benchmark: N objectives of realistic shape.

Run: .venv/bin/python bench/genera.py N DIR [--piani 2]
Writes DIR/mkdocs.yml, DIR/data/ and DIR/content/index.md. The content is deterministic (seeded) and
varies per objective (index in the texts, different lengths), so no cache of identical strings makes
the build artificially fast. bench/vanilla.py writes the same objectives as plain Markdown pages.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from trasparenza.cli.argparse_it import italiano

REPO = Path(__file__).resolve().parents[1]
THEME = REPO / "theme"
UNITS = 20
SEED = 13
# Plan years, oldest first: with --piani K the objectives are spread over the first K.
TRIENNI = ["2024-2026", "2025-2027", "2026-2028", "2027-2029"]
APPROVED = {"2024-2026": "30/01/2024", "2025-2027": "28/01/2025", "2026-2028": "27/01/2026",
            "2027-2029": "26/01/2027"}

UNIT_NAMES = [
    "Affari generali", "Risorse finanziarie", "Tributi", "Risorse umane", "Sistemi informativi",
    "Lavori pubblici", "Urbanistica", "Ambiente", "Polizia locale", "Servizi sociali",
    "Servizi educativi", "Cultura e turismo", "Sviluppo economico", "Patrimonio", "Gare e contratti",
    "Avvocatura", "Demografici", "Protezione civile", "Sport e politiche giovanili", "Comunicazione",
]
FIRST_NAMES = ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Andrea", "Sara", "Paolo", "Elena", "Davide"]
SURNAMES = ["Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno"]
ACTIONS = ["Digitalizzazione", "Riorganizzazione", "Semplificazione", "Potenziamento", "Monitoraggio",
           "Revisione", "Informatizzazione", "Razionalizzazione", "Promozione", "Riqualificazione"]
SUBJECTS = ["delle pratiche edilizie", "dello sportello al cittadino", "dei procedimenti di spesa",
            "della riscossione dei tributi", "degli archivi comunali", "dei servizi scolastici",
            "della manutenzione stradale", "dei controlli sul territorio", "della gestione del personale",
            "delle concessioni di suolo pubblico", "dei servizi cimiteriali", "della rete civica",
            "degli impianti sportivi", "del verde pubblico", "delle biblioteche di quartiere"]
SENTENCES = [
    "L'obiettivo riduce i tempi di risposta ai cittadini e alle imprese.",
    "Gli uffici coinvolti condividono procedure, modelli e scadenze.",
    "Il servizio viene reso accessibile anche online, con pagamento tramite pagoPA.",
    "Le attività sono programmate in modo da non sospendere i servizi ordinari.",
    "I risultati sono misurati con gli indicatori riportati nella scheda.",
    "Il personale partecipa a momenti di formazione dedicati.",
    "La cittadinanza viene informata con avvisi sul sito istituzionale.",
    "Le fasi seguono il cronoprogramma approvato con il piano.",
    "Il progetto tiene conto delle risorse previste nel bilancio di previsione.",
    "Le segnalazioni ricevute sono registrate e analizzate ogni trimestre.",
]
PHASES = ["Analisi della situazione di partenza", "Predisposizione degli atti", "Avvio sperimentale del servizio",
          "Formazione del personale", "Adeguamento delle procedure informatiche", "Comunicazione ai cittadini",
          "Verifica dei risultati", "Messa a regime", "Rendicontazione finale", "Raccolta dei dati"]
INDICATORS = [("Rispetto dei tempi", "tempo", "entro {d} giorni"), ("Pratiche evase", "quantità", "≥ {p}%"),
              ("Costo per pratica", "costo", "non oltre {e} €"), ("Soddisfazione degli utenti", "qualità", "≥ {p}%"),
              ("Domande istruite online", "efficacia", "{p}%"), ("Tempo medio di lavorazione", "efficienza",
                                                                   "{d} giorni")]
INCIDENZE = [(25, 25, 25, 25), (10, 20, 30, 40), (40, 30, 20, 10), (20, 30, 30, 20), (15, 35, 35, 15)]


@dataclass
class Objective:
    """One objective, independent of how it is written (YAML for Trasparenza, Markdown for vanilla)."""
    id: str
    codice: str
    titolo: str
    triennio: str
    unit: int
    finalita: str
    descrizione: str
    risultato_atteso: str
    fasi: list[dict] = field(default_factory=list)
    indicatori: list[dict] = field(default_factory=list)


def unit_id(u: int) -> str:
    return f"settore-{u + 1}"


def unit_name(u: int) -> str:
    return f"Settore {UNIT_NAMES[u % len(UNIT_NAMES)]}"


def unit_head(u: int) -> str:
    return f"{FIRST_NAMES[u % len(FIRST_NAMES)]} {SURNAMES[(u * 3 + 1) % len(SURNAMES)]}"


def trienni(piani: int) -> list[str]:
    if not 1 <= piani <= len(TRIENNI):
        raise SystemExit(f"--piani va da 1 a {len(TRIENNI)}")
    return TRIENNI[:piani]


def _paragraph(rng: random.Random, i: int, sentences: int) -> str:
    chosen = [rng.choice(SENTENCES) for _ in range(sentences)]
    chosen.insert(rng.randrange(len(chosen) + 1), f"La scheda n. {i} riguarda {rng.randrange(3, 400)} pratiche l'anno.")
    return " ".join(chosen)


def _description(rng: random.Random, i: int) -> str:
    """A few paragraphs with some Markdown; one objective in ten is much longer."""
    count = rng.randint(4, 7) if i % 10 == 7 else rng.randint(1, 3)
    parts = []
    for k in range(count):
        text = _paragraph(rng, i, rng.randint(1, 4))
        if k == 0:
            text = f"**Obiettivo {i}.** {text}"
        elif rng.random() < 0.4:
            text += f" Vedi la [pagina del servizio](https://www.comune.example.org/servizi/{i}-{k}) per i dettagli."
        parts.append(text)
        if rng.random() < 0.35:
            parts.append("\n".join(f"- *{PHASES[(i + k + j) % len(PHASES)].lower()}* ({j + 1}/{3})" for j in range(3)))
    return "\n\n".join(parts)


def objectives(n: int, piani: int = 1, seed: int = SEED) -> list[Objective]:
    """N objectives spread evenly over the plan years; in later plans one objective in three keeps the
    id of an objective of the previous plan (it continues), so the pages link across years."""
    rng = random.Random(seed)
    years = trienni(piani)
    result = []
    for i in range(n):
        p = i * len(years) // n
        local = i - (p * n + len(years) - 1) // len(years)  # index inside its plan
        year = years[p]
        unit = local % UNITS
        ident = f"obiettivo-{local + 1}" if p == 0 or local % 3 == 0 else f"obiettivo-{p + 1}-{local + 1}"
        first_year = int(year[:4])
        incidenze = rng.choice(INCIDENZE)
        fasi = []
        for k in range(4):
            month = 3 + k * 3 - rng.randint(0, 1)
            fasi.append({"codice": str(k + 1), "descrizione": f"{PHASES[(i + k) % len(PHASES)]} (obiettivo {i + 1})",
                         "incidenza": incidenze[k], "scadenza": f"{28 if month == 2 else 30}/{month:02d}/{first_year}"})
        indicatori = []
        for k in range(2):
            name, kind, target = INDICATORS[(i + 3 * k) % len(INDICATORS)]
            indicatori.append({"nome": f"{name} – scheda {i + 1}", "tipo": kind,
                               "valore_atteso": target.format(d=rng.randint(5, 60), p=rng.randint(60, 100),
                                                              e=rng.randint(10, 500))})
        titolo = f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)} ({i + 1})"
        if i % 10 == 3:
            titolo += " e coordinamento con gli altri settori dell'ente per le attività trasversali"
        result.append(Objective(
            id=ident, codice=f"{unit + 1}.{local // UNITS + 1}", titolo=titolo, triennio=year, unit=unit,
            finalita=_paragraph(rng, i + 1, rng.randint(1, 3)),
            descrizione=_description(rng, i + 1),
            risultato_atteso=f"{rng.choice(SENTENCES)} Risultato verificato al 31/12/{first_year} (scheda {i + 1}).",
            fasi=fasi, indicatori=indicatori))
    return result


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks (|), as people write them in the data files."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")


def write_site(root: Path, n: int, piani: int = 1, seed: int = SEED) -> list[Objective]:
    """Write the Trasparenza site of N objectives in ROOT (which may exist, not its data/ or content/)."""
    root.mkdir(parents=True, exist_ok=True)
    data = root / "data"
    items = objectives(n, piani, seed)
    years = trienni(piani)
    _dump(data / "ente.yaml", {"denominazione": "Comune di Prova", "tipo": "Comune",
                               "sito": "https://www.comune.example.org", "fittizio": True})
    _dump(data / "accessibilita.yaml", {
        "url": "https://form.agid.gov.it/view/benchmark/", "stato_conformita": "conforme",
        "redazione": {"metodo": "autovalutazione", "ultimo_riesame": None},
        "feedback": {"email": "accessibilita@comune.example.org"}})
    for year in years:
        plan = data / "piani" / year if piani > 1 else data
        first = int(year[:4])
        _dump(plan / "piano.yaml", {
            "titolo": f"PIAO {year}", "triennio": year, "annualita": first,
            "atti": [{"organo": "Giunta comunale", "tipo": "Deliberazione", "numero": str(first - 2000),
                      "data": APPROVED[year], "oggetto": f"Approvazione del PIAO {year}",
                      "approva_il_piano": True}],
            "premessa": f"Piano sintetico per il benchmark: **{sum(o.triennio == year for o in items)}** obiettivi."})
        _dump(plan / "struttura.yaml", {"strutture": [
            {"id": unit_id(u), "tipo": "settore", "nome": unit_name(u), "dirigente": {"nome": unit_head(u)}}
            for u in range(UNITS)]})
        for u in range(UNITS):
            mine = [o for o in items if o.triennio == year and o.unit == u]
            if not mine:
                continue
            _dump(plan / "obiettivi" / f"{unit_id(u)}.yaml", {"struttura": unit_id(u), "obiettivi": [
                {"id": o.id, "codice": o.codice, "titolo": o.titolo, "finalita": o.finalita,
                 "descrizione": o.descrizione, "fasi": o.fasi, "risultato_atteso": o.risultato_atteso,
                 "indicatori": o.indicatori} for o in mine]})
    (root / "content").mkdir(exist_ok=True)
    (root / "content/index.md").write_text(
        f"# Benchmark\n\nSito sintetico di {n} obiettivi per misurare la costruzione.\n", encoding="utf-8")
    nav = "".join(f"  - piao/{year}/index.md\n  - piao/{year}/obiettivi/index.md\n  - piao/{year}/strutture/index.md\n"
                  for year in reversed(years))
    (root / "mkdocs.yml").write_text(
        "site_name: Benchmark\ndocs_dir: content\nsite_dir: site_build\n"
        f"theme:\n  name: material\n  custom_dir: {THEME}\n  language: it\n  font: false\n"
        "  features: [navigation.prune]\n"
        "plugins:\n  - search\n  - trasparenza\n"
        f"nav:\n  - index.md\n{nav}", encoding="utf-8")
    return items


def main(argv: list[str] | None = None) -> None:
    with italiano():
        cli = argparse.ArgumentParser(prog="genera.py", description="Scrive un sito sintetico di Trasparenza "
                                      "(mkdocs.yml, data/, content/) con N obiettivi, per il benchmark.")
        cli.add_argument("n", metavar="N", type=int, help="numero di obiettivi")
        cli.add_argument("cartella", metavar="CARTELLA", type=Path, help="dove scrivere il sito")
        cli.add_argument("--piani", type=int, default=1,
                         help=f"su quanti piani (trienni) distribuire gli obiettivi, da 1 a {len(TRIENNI)} "
                              "(predefinito: 1)")
        args = cli.parse_args(argv)
    write_site(args.cartella, args.n, args.piani)
    print(f"Sito con {args.n} obiettivi scritto in {args.cartella}")


if __name__ == "__main__":
    main()
