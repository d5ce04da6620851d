"""Sottosezione 2.3 as open datasets: processes, risks with their assessment, prevention measures with
their status, and the publication obligations. Same rules as the other datasets (``datasets``): one row per
item, prose as plain text, values as written, identifiers that join the tables."""

from __future__ import annotations

from trasparenza.analysis.rischi import MappaRischi

_AREA = (("area_id", "Identificativo dell'area di rischio."), ("area", "Nome dell'area di rischio."))

PROCESSI = (
    *_AREA,
    ("area_generale", "«sì» per un'area generale (legge n. 190/2012, PNA), «no» per un'area specifica dell'ente."),
    ("processo_id", "Identificativo stabile del processo (è anche nell'indirizzo della sua pagina)."),
    ("codice", "Il codice del processo nel piano."),
    ("processo", "Il nome del processo."),
    ("descrizione", "Descrizione del processo (testo)."),
    ("fasi", "Le fasi o attività del processo, separate da «; »."),
    ("struttura_id", "Identificativo della struttura responsabile."),
    ("struttura", "Nome della struttura responsabile."),
    ("strutture_coinvolte", "Identificativi delle altre strutture coinvolte, separati da «;»."),
    ("numero_rischi", "Quanti eventi rischiosi il piano indica per il processo."),
    ("pagina", "Indirizzo della pagina del processo sul sito."),
)
RISCHI = (
    ("processo_id", "Identificativo del processo a cui appartiene il rischio."),
    ("rischio_id", "Identificativo stabile del rischio."),
    ("codice", "Il codice del rischio nel piano."),
    ("rischio", "L'evento rischioso."),
    ("fattori", "I fattori abilitanti, come scritti nel piano."),
    ("indicatore", "L'indicatore di stima del livello di rischio (vuoto nella riga del giudizio sintetico)."),
    ("valore", "Il valore dell'indicatore, o il giudizio sintetico, come scritto nel piano."),
    ("motivazione", "La motivazione del valore o del giudizio."),
    ("riga", "Che cosa riporta la riga: «indicatore» (un indicatore di stima) o «giudizio» (il giudizio sintetico)."),
    ("numero_misure", "Quante misure di prevenzione trattano il rischio (solo nella riga del giudizio)."),
)
MISURE = (
    ("misura_id", "Identificativo stabile della misura (è anche nell'indirizzo della sua pagina)."),
    ("codice", "Il codice della misura nel piano."),
    ("misura", "Il titolo della misura."),
    ("tipo", "«generale» o «specifica»."),
    ("categoria", "Per una misura generale: quale (codice di comportamento, rotazione, whistleblowing…)."),
    ("tipologia", "La tipologia della misura (PNA 2019): controllo, trasparenza, regolamentazione…"),
    ("descrizione", "Descrizione della misura (testo)."),
    ("rischi", "Identificativi dei rischi trattati, separati da «;»."),
    ("processi", "Identificativi dei processi a cui si applica, separati da «;»."),
    ("struttura_id", "Identificativo della struttura responsabile dell'attuazione."),
    ("struttura", "Nome della struttura responsabile dell'attuazione."),
    ("fasi", "Fasi e tempi di attuazione: «fase (scadenza)», separati da «; »."),
    ("indicatori", "Gli indicatori di monitoraggio con il valore atteso, separati da «; »."),
    ("rilevazioni", "I valori rilevati, come scritti nel piano: «indicatore: AAAA-MM-GG valore», separati da «; »."),
    ("obiettivi", "Identificativi degli obiettivi di performance che attuano la misura, separati da «;»."),
    ("stato", "Lo stato all'ultima rilevazione: raggiunto, parzialmente raggiunto, non raggiunto, in corso, "
              "non valutabile, o «non ancora rilevato»."),
    ("data_rilevazione", "La data della rilevazione da cui viene lo stato, AAAA-MM-GG."),
    ("pagina", "Indirizzo della pagina della misura sul sito."),
)
OBBLIGHI = (
    ("numero_ordine", "Il numero d'ordine dell'obbligo nella tabella del piano."),
    ("sezione", "La sotto-sezione di primo livello dell'Amministrazione trasparente."),
    ("sottosezione", "La sotto-sezione di secondo livello."),
    ("obbligo", "Il singolo obbligo di pubblicazione."),
    ("riferimento", "Il riferimento normativo."),
    ("voce", "Identificativo della voce dell'Amministrazione trasparente pubblicata da questo sito, se c'è."),
    ("trasmissione_id", "Identificativo della struttura responsabile della trasmissione dei dati."),
    ("trasmissione", "Nome della struttura responsabile della trasmissione dei dati."),
    ("pubblicazione_id", "Identificativo della struttura responsabile della pubblicazione."),
    ("pubblicazione", "Nome della struttura responsabile della pubblicazione."),
    ("aggiornamento", "Ogni quanto si aggiornano i dati, come scritto nel piano."),
    ("termini", "Il termine di pubblicazione, come scritto nel piano."),
    ("url", "Dove è pubblicato, se non in questo sito."),
    ("note", "Note."),
)


def tables(plan, page_url, clean) -> list[tuple[str, str, str, str, tuple, list[dict]]]:
    """(id, name, title, description, columns, rows) of each 2.3 dataset; ``clean`` is datasets.clean_text."""
    if not plan.ha_rischi:
        return []
    piano = plan.piano.etichetta
    units = {unit.id: unit.nome for unit in plan.strutture}
    mappa = MappaRischi(plan)
    join = "; ".join
    processi = [{"area_id": area.id, "area": area.titolo, "area_generale": "sì" if area.generale else "no",
                 "processo_id": p.id, "codice": p.codice, "processo": p.titolo, "descrizione": p.descrizione,
                 "fasi": join(clean(f) for f in p.fasi) or None, "struttura_id": p.struttura,
                 "struttura": units.get(p.struttura), "strutture_coinvolte": ";".join(p.strutture_coinvolte) or None,
                 "numero_rischi": len(p.rischi), "pagina": page_url("processo", p.id)} for area, p in plan.processi()]
    rischi = []
    for _, processo, rischio in plan.rischi_tutti():
        base = {"processo_id": processo.id, "rischio_id": rischio.id, "codice": rischio.codice,
                "rischio": rischio.descrizione, "fattori": rischio.fattori}
        rischi += [dict(base, indicatore=v.indicatore, valore=v.valore, motivazione=v.motivazione, riga="indicatore",
                        numero_misure=None) for v in rischio.valutazione]
        rischi.append(dict(base, indicatore=None, valore=rischio.giudizio, motivazione=rischio.motivazione,
                           riga="giudizio", numero_misure=len(mappa.misure_per_rischio[rischio.id])))
    misure = []
    for m in plan.misure_tutte():
        stato = mappa.stati[m.id]
        misure.append({
            "misura_id": m.id, "codice": m.codice, "misura": m.titolo, "tipo": m.tipo, "categoria": m.categoria,
            "tipologia": m.tipologia, "descrizione": m.descrizione, "rischi": ";".join(m.rischi) or None,
            "processi": ";".join(p.id for p in mappa.processi_di(m)) or None, "struttura_id": m.struttura,
            "struttura": units.get(m.struttura), "obiettivi": ";".join(m.obiettivi) or None,
            "fasi": join(f"{clean(f.descrizione)} ({_when(f.scadenza)})" if f.scadenza else clean(f.descrizione)
                         for f in m.fasi) or None,
            "indicatori": join(f"{clean(i.nome)}: {i.valore_atteso}" if i.valore_atteso else clean(i.nome)
                               for i in m.indicatori) or None,
            "rilevazioni": join(f"{clean(i.nome)}: {r.data.isoformat()} {r.raggiunto}" for i in m.indicatori
                                for r in i.rilevazioni if r.raggiunto and str(r.raggiunto).strip()) or None,
            "stato": stato.stato, "data_rilevazione": stato.data.isoformat() if stato.data else None,
            "pagina": page_url("misura", m.id)})
    obblighi = [{"numero_ordine": index, "sezione": o.sezione, "sottosezione": o.sottosezione, "obbligo": o.denominazione,
                 "riferimento": o.riferimento, "voce": o.voce, "trasmissione_id": o.trasmissione,
                 "trasmissione": units.get(o.trasmissione), "pubblicazione_id": o.pubblicazione,
                 "pubblicazione": units.get(o.pubblicazione), "aggiornamento": o.aggiornamento, "termini": o.termini,
                 "url": o.url, "note": o.note}
                for index, o in enumerate(plan.obblighi.obblighi if plan.obblighi else [], 1)]
    return [
        ("processi", "Processi e aree di rischio", f"Mappatura dei processi – {piano}",
         f"I processi mappati nella sottosezione 2.3 «Rischi corruttivi e trasparenza» del {piano}, con la loro area "
         "di rischio e la struttura responsabile.", PROCESSI, processi),
        ("rischi", "Rischi e loro valutazione", f"Valutazione dei rischi corruttivi – {piano}",
         f"Gli eventi rischiosi dei processi del {piano}: una riga per ogni indicatore di stima del livello di rischio "
         "e una per il giudizio sintetico, con le motivazioni.", RISCHI, rischi),
        ("misure", "Misure di prevenzione", f"Misure di prevenzione della corruzione – {piano}",
         f"Le misure di prevenzione della corruzione del {piano}, generali e specifiche, con responsabile, tempi, "
         "indicatori e stato all'ultima rilevazione.", MISURE, misure),
        ("obblighi", "Obblighi di pubblicazione", f"Programmazione della trasparenza – {piano}",
         f"Gli obblighi di pubblicazione del {piano} con i responsabili della trasmissione e della pubblicazione, "
         "l'aggiornamento e i termini.", OBBLIGHI, obblighi),
    ]


def _when(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
