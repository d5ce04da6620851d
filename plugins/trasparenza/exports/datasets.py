"""The plan's content as open datasets: one table per kind of item, rows straight from the model.

Each dataset documents its columns in Italian; values are what the pages show (Markdown reduced to
plain text, dates as ISO 8601, percentages as numbers). Writing them as files is ``exports``'s job;
describing them in a catalogue is ``dcat``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from trasparenza.analysis import results
from trasparenza.exports import datasets_rischi
from trasparenza.model import Obiettivo, Piao
from trasparenza.render.text import is_prose, plain


@dataclass(frozen=True)
class Colonna:
    nome: str
    descrizione: str
    # Its Table Schema type (datapackage.json): values are text as the plan writes them («> 50%», «X»), but for
    # the counts the build makes.
    tipo: str = "string"


@dataclass
class Dataset:
    id: str  # «obiettivi»: the file name and, with the plan, the catalogue identifier
    nome: str  # «Obiettivi»: the short name links use
    titolo: str
    descrizione: str
    tema: str  # EU data-theme code (GOVE, ECON…)
    colonne: list[Colonna]
    righe: list[dict] = field(default_factory=list)


def _columns(*pairs: tuple[str, str]) -> list[Colonna]:
    return [Colonna(name, description, "integer" if name.startswith("numero_") else "string")
            for name, description in pairs]


_OBIETTIVO = (("obiettivo_id", "Identificativo stabile dell'obiettivo (è anche nell'indirizzo della sua pagina)."),
              ("obiettivo_codice", "Il codice dell'obiettivo nel piano."))

OBIETTIVI = _columns(
    *_OBIETTIVO,
    ("titolo", "Il titolo dell'obiettivo."),
    ("tipo", "Tipo di obiettivo come lo scrive il piano (strategico, gestionale, mantenimento, sviluppo…); vuoto "
             "se il piano non lo indica."),
    ("struttura_id", "Identificativo della struttura responsabile."),
    ("struttura", "Nome della struttura responsabile."),
    ("obiettivo_strategico_id", "Identificativo dell'obiettivo strategico (valore pubblico) collegato."),
    ("finalita", "Finalità dell'obiettivo (testo)."),
    ("descrizione", "Descrizione dell'obiettivo (testo)."),
    ("risultato_atteso", "Risultato atteso (testo)."),
    ("peso", "Peso dell'obiettivo, in percentuale (numero da 0 a 100); un testo («X», «propedeutico», "
             "«non pesato») per un obiettivo che il piano non pesa."),
    ("orizzonte", "Orizzonte temporale, come scritto nel piano."),
    ("scadenza_finale", "Scadenza finale: data AAAA-MM-GG, oppure il testo del piano."),
    ("numero_fasi", "Quante fasi ha l'obiettivo."),
    ("numero_indicatori", "Quanti indicatori ha l'obiettivo (comprese le fasi)."),
    ("pagina", "Indirizzo della pagina dell'obiettivo sul sito."),
)
FASI = _columns(
    *_OBIETTIVO,
    ("fase_codice", "Il codice della fase nel piano."),
    ("descrizione", "Che cosa prevede la fase."),
    ("incidenza", "Peso della fase nell'obiettivo, in percentuale (numero da 0 a 100)."),
    ("responsabili", "Responsabili coinvolti, come scritti nel piano."),
    ("inizio", "Inizio: data AAAA-MM-GG, oppure il testo del piano."),
    ("scadenza", "Scadenza: data AAAA-MM-GG, oppure il testo del piano."),
)
INDICATORI = _columns(
    *_OBIETTIVO,
    ("fase_codice", "Il codice della fase a cui appartiene l'indicatore (vuoto se è dell'obiettivo)."),
    ("indicatore", "Il nome dell'indicatore."),
    ("tipo", "Tipo di indicatore (quantità, tempo, costo, qualità…)."),
    ("unita", "Unità di misura."),
    ("formula", "Formula di calcolo, come scritta nel piano."),
    ("riga", "Che cosa riporta la riga: «target» (atteso per un periodo), «serie» (valore di un anno passato) "
             "o «rilevazione» (valore misurato a una data, confrontato con il target)."),
    ("periodo", "Anno o periodo del target o del valore; per una rilevazione la sua data AAAA-MM-GG."),
    ("target", "Il valore atteso, come scritto nel piano."),
    ("valore", "Il valore rilevato, come scritto nel piano."),
    ("scostamento", "Differenza tra valore rilevato e target (come scritta nel piano, altrimenti calcolata)."),
    ("stato", "Esito della rilevazione: raggiunto, parzialmente raggiunto, non raggiunto, in corso, non valutabile."),
)
STRUTTURE = _columns(
    ("struttura_id", "Identificativo stabile della struttura (è anche nell'indirizzo della sua pagina)."),
    ("nome", "Nome della struttura."),
    ("tipo", "Tipo (direzione, settore, area, servizio…)."),
    ("sigla", "Sigla della struttura."),
    ("parte_di", "Identificativo della struttura che la contiene."),
    ("dirigente", "Dirigente (nome e qualifica)."),
    ("responsabile", "Responsabile di P.O./E.Q. o di servizio (nome e qualifica)."),
    ("competenze", "Competenze dell'ufficio (art. 13 d.lgs. 33/2013)."),
    ("telefono", "Telefono dell'ufficio."),
    ("email", "Posta elettronica dell'ufficio."),
    ("pec", "Posta elettronica certificata dell'ufficio."),
    ("numero_obiettivi", "Quanti obiettivi del piano sono assegnati alla struttura."),
    ("pagina", "Indirizzo della pagina della struttura sul sito."),
)
RISORSE_STRUTTURE = _columns(
    ("struttura_id", "Identificativo della struttura o del centro di costo."),
    ("struttura", "Nome della struttura."),
    ("centro_di_costo", "Codice del centro di costo, se il piano lo indica."),
    ("risorsa", "Tipo di risorsa: personale, dotazione, finanziaria."),
    ("voce", "La categoria di personale, la dotazione o la voce di spesa, come scritta nel piano."),
    ("profilo", "Il profilo professionale (solo personale)."),
    ("quantita", "Il numero di persone o di dotazioni, come scritto nel piano."),
    ("importo", "L'importo, come scritto nel piano (solo risorse finanziarie)."),
    ("note", "Note."),
)
AZIONI_POSITIVE = _columns(
    ("area_id", "Identificativo dell'area di intervento."),
    ("area", "Titolo dell'area di intervento."),
    ("azione_id", "Identificativo stabile dell'azione (è anche nell'indirizzo della sua pagina)."),
    ("codice", "Il codice dell'azione nel piano."),
    ("titolo", "Il titolo dell'azione."),
    ("obiettivo_specifico", "L'obiettivo specifico a cui l'azione contribuisce."),
    ("descrizione", "Descrizione dell'azione (testo)."),
    ("soggetti_attuatori", "Chi attua l'azione."),
    ("destinatari", "A chi è rivolta l'azione."),
    ("annualita", "Gli anni del triennio in cui si svolge (1, 2, 3), separati da «;»."),
    ("copertura_finanziaria", "Copertura finanziaria, come scritta nel piano."),
    ("pagina", "Indirizzo della pagina dell'azione sul sito."),
)
VARIAZIONI = _columns(
    ("atto_id", "Identificativo dell'atto di variazione."),
    ("atto", "Titolo dell'atto di variazione."),
    ("organo", "Organo che ha adottato l'atto."),
    ("numero", "Numero dell'atto."),
    ("data", "Data dell'atto, AAAA-MM-GG."),
    *_OBIETTIVO[:1],
    ("elemento", "Che cosa cambia: obiettivo, fase, indicatore, target, attività."),
    ("riferimento", "Quale elemento cambia (codice della fase, nome dell'indicatore…)."),
    ("tipo", "Tipo di modifica: eliminato, modificato, aggiunto, proroga."),
    ("prima", "Il testo o il valore prima della variazione."),
    ("dopo", "Il testo o il valore dopo la variazione."),
    ("motivazione", "La motivazione della modifica."),
)


OBIETTIVI_STRATEGICI = _columns(
    ("indirizzo_id", "Identificativo dell'indirizzo strategico."),
    ("indirizzo", "Titolo dell'indirizzo strategico."),
    ("obiettivo_strategico_id", "Identificativo stabile dell'obiettivo strategico (di valore pubblico)."),
    ("codice", "Il codice dell'obiettivo strategico nel piano."),
    ("titolo", "Il titolo dell'obiettivo strategico."),
    ("descrizione", "Descrizione (testo)."),
    ("ambito", "Ambito dell'obiettivo."),
    ("missione", "Missione del bilancio (DUP): codice e denominazione."),
    ("programma", "Programma del bilancio (DUP): codice e denominazione."),
    ("numero_obiettivi", "Quanti obiettivi di performance del piano vi contribuiscono."),
)
AZIONI_MIGLIORAMENTO = _columns(
    ("azione_id", "Identificativo stabile dell'azione di miglioramento."),
    ("azione", "L'azione di miglioramento."),
    ("obiettivo_strategico_id", "Identificativo dell'obiettivo di valore pubblico a cui è collegata."),
    ("obiettivo", "L'obiettivo dell'azione."),
    ("area_intervento", "L'area della salute organizzativa su cui interviene."),
    ("formula", "Come si misura, come scritto nel piano."),
    ("dipendenti_coinvolti", "I dipendenti coinvolti."),
    ("target", "Il valore atteso, come scritto nel piano."),
)


def datasets(plan: Piao, page_url) -> list[Dataset]:
    """The plan's datasets, in the order of the «Dati aperti» page; empty ones are left out.
    ``page_url(kind, id)`` gives the address of an item's page («obiettivo», «struttura»…)."""
    piano = plan.piano.etichetta
    units = {unit.id: unit for unit in plan.strutture}
    found = [
        Dataset("obiettivi", "Obiettivi", f"Obiettivi – {piano}", f"Gli obiettivi di performance del {piano}, uno per riga.",
                "GOVE", OBIETTIVI, [_objective(o, units, page_url) for o in plan.obiettivi]),
        Dataset("fasi", "Fasi degli obiettivi", f"Fasi degli obiettivi – {piano}", f"Le fasi di ogni obiettivo del {piano}, una per riga.",
                "GOVE", FASI, [_phase(o, f) for o in plan.obiettivi for f in o.fasi]),
        Dataset("indicatori", "Indicatori, target e rilevazioni", f"Indicatori, target e rilevazioni – {piano}",
                f"Gli indicatori degli obiettivi del {piano}: una riga per indicatore e per target, valore "
                "storico o rilevazione, con scostamento ed esito.",
                "GOVE", INDICATORI, [row for o in plan.obiettivi for row in _indicator_rows(o, plan.piano.anno_unico)]),
        Dataset("strutture", "Struttura organizzativa", f"Struttura organizzativa – {piano}",
                f"Le strutture organizzative del {piano} con responsabili, competenze e recapiti.",
                "GOVE", STRUTTURE, [_unit(u, plan, page_url) for u in plan.strutture]),
    ]
    resources = [row for u in plan.strutture for row in _unit_resources(u)]
    if resources:
        found.append(Dataset("risorse-strutture", "Risorse delle strutture", f"Risorse delle strutture – {piano}",
                             f"Il personale per categoria, le dotazioni e le risorse finanziarie assegnate alle "
                             f"strutture del {piano}, una per riga.", "GOVE", RISORSE_STRUTTURE, resources))
    if plan.azioni_positive:
        found.append(Dataset("azioni-positive", "Azioni positive", f"Azioni positive – {piano}",
                             f"Le azioni del piano delle azioni positive del {piano}.", "SOCI", AZIONI_POSITIVE,
                             [_positive(area, a, page_url) for area, a in plan.azioni_positive_tutte()]))
    strategic = plan.obiettivi_strategici()
    if strategic:
        found.append(Dataset("obiettivi-strategici", "Obiettivi strategici", f"Obiettivi strategici – {piano}",
                             f"Gli obiettivi strategici e di valore pubblico del {piano}, con il loro indirizzo.",
                             "GOVE", OBIETTIVI_STRATEGICI, [_strategic(i, o, plan) for i, o in strategic]))
    if plan.azioni_miglioramento:
        found.append(Dataset("azioni-miglioramento", "Azioni di miglioramento",
                             f"Azioni di miglioramento – {piano}",
                             f"Le azioni di miglioramento della salute organizzativa del {piano}.", "GOVE",
                             AZIONI_MIGLIORAMENTO, [_improvement(a) for a in plan.azioni_miglioramento.azioni]))
    if plan.variazioni:
        found.append(Dataset("variazioni", "Variazioni", f"Variazioni – {piano}",
                             f"Le modifiche al {piano} approvate durante l'anno, una per riga.", "GOVE", VARIAZIONI,
                             [_change(atto, m) for atto in plan.variazioni.atti for m in atto.modifiche]))
    for ident, name, title, description, columns, rows in datasets_rischi.tables(plan, page_url, clean_text):
        found.append(Dataset(ident, name, title, description, "GOVE", _columns(*columns), rows))
    for dataset in found:  # prose without its Markdown marks; codes, targets, values and formulas as written
        dataset.righe = [{k: (clean_text(v) if isinstance(v, str) and k != "pagina" else v) for k, v in row.items()}
                         for row in dataset.righe]
    return [dataset for dataset in found if dataset.righe]


# HTML elements (a tag that names none, «A<B and C>D», is text)
_ELEMENTS = ("a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite "
             "code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure "
             "font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label "
             "legend li link main map mark marquee math menu meta meter nav noscript object ol optgroup option output "
             "p param picture pre progress q rp rt ruby s samp script section select slot small source span strong "
             "style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track u ul var "
             "video wbr xmp").split()
_TAG = re.compile(r"</?(?:" + "|".join(_ELEMENTS) + r")(?=[\s/>])[^<>]*>", re.I)


def _no_tags(text: str) -> str:
    """HTML tags typed in the data never reach a reuser who might show the text as HTML."""
    text = _TAG.sub("", text)
    if _TAG.search(text):  # tags hidden inside tags («<<b>b>»): one pass more would not end them, drop «<»
        text = _TAG.sub("", text.replace("<", ""))
    return text


def clean_text(value) -> str | None:
    """Prose (as the model declares it) as plain text, its Markdown marks removed; any other text as written
    in the data («> 80», «n. pratiche*100/totale», «- 5%»), tags aside; None where the plan is silent."""
    if value is None:
        return None
    return _no_tags(plain(value) if is_prose(value) else str(value)).strip() or None


def _when(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else clean_text(str(value))


def _person(incarico) -> str | None:
    if incarico is None:
        return None
    return f"{incarico.nome} ({incarico.qualifica})" if incarico.qualifica else incarico.nome


def _objective(o: Obiettivo, units: dict, page_url) -> dict:
    return {"obiettivo_id": o.id, "obiettivo_codice": o.codice, "titolo": clean_text(o.titolo), "tipo": o.tipo,
            "struttura_id": o.struttura, "struttura": units[o.struttura].nome,
            "obiettivo_strategico_id": o.obiettivo_strategico, "finalita": clean_text(o.finalita),
            "descrizione": clean_text(o.descrizione), "risultato_atteso": clean_text(o.risultato_atteso), "peso": o.peso,
            "orizzonte": o.orizzonte, "scadenza_finale": _when(o.scadenza_finale), "numero_fasi": len(o.fasi),
            "numero_indicatori": len(o.tutti_gli_indicatori()), "pagina": page_url("obiettivo", o.id)}


def _phase(o: Obiettivo, fase) -> dict:
    return {"obiettivo_id": o.id, "obiettivo_codice": o.codice, "fase_codice": fase.codice,
            "descrizione": clean_text(fase.descrizione), "incidenza": fase.incidenza, "responsabili": fase.responsabili,
            "inizio": _when(fase.inizio), "scadenza": _when(fase.scadenza)}


def _indicator_rows(o: Obiettivo, anno: int | None = None) -> list[dict]:
    rows = []
    owners = [(None, i) for i in o.indicatori] + [(f.codice, i) for f in o.fasi for i in f.indicatori]
    for phase, indicatore in owners:
        base = {"obiettivo_id": o.id, "obiettivo_codice": o.codice, "fase_codice": phase,
                "indicatore": clean_text(indicatore.nome), "tipo": indicatore.tipo, "unita": indicatore.unita,
                "formula": clean_text(indicatore.formula)}
        empty = {"target": None, "valore": None, "scostamento": None, "stato": None}
        # Targets per year, and the «valore atteso» as written (a row without period) when the plan gives it.
        targets = list(indicatore.target) + ([] if indicatore.valore_atteso is None else [None])
        for target in targets:
            rows.append({**base, **empty, "riga": "target", "periodo": target.periodo if target else None,
                         "target": target.valore if target else indicatore.valore_atteso})
        for value in indicatore.serie:
            rows.append({**base, **empty, "riga": "serie", "periodo": value.periodo, "valore": value.valore})
        for rilevazione, esito in zip(indicatore.rilevazioni, results.indicator_results(indicatore, anno)):
            rows.append({**base, "riga": "rilevazione", "periodo": rilevazione.data.isoformat(),
                         "target": esito.target.testo or None, "valore": rilevazione.raggiunto,
                         "scostamento": esito.scostamento or None, "stato": esito.stato})
        if not targets and not indicatore.serie and not indicatore.rilevazioni:
            rows.append({**base, **empty, "riga": "target", "periodo": None})
    return rows


def _unit(unit, plan: Piao, page_url) -> dict:
    return {"struttura_id": unit.id, "nome": unit.nome, "tipo": unit.tipo, "sigla": unit.sigla,
            "parte_di": unit.parte_di, "dirigente": _person(unit.dirigente),
            "responsabile": _person(unit.responsabile), "competenze": clean_text(unit.competenze),
            "telefono": unit.telefono, "email": unit.email, "pec": unit.pec,
            "numero_obiettivi": sum(1 for o in plan.obiettivi if o.struttura == unit.id),
            "pagina": page_url("struttura", unit.id)}


def _unit_resources(unit) -> list[dict]:
    base = {"struttura_id": unit.id, "struttura": unit.nome, "centro_di_costo": unit.centro_di_costo}
    rows = [dict(base, risorsa="personale", voce=p.categoria, profilo=p.profilo, quantita=p.numero, importo=None,
                 note=clean_text(p.note)) for p in unit.personale]
    rows += [dict(base, risorsa="dotazione", voce=clean_text(d.descrizione), profilo=None, quantita=d.quantita,
                  importo=None, note=clean_text(d.note)) for d in unit.dotazioni]
    rows += [dict(base, risorsa="finanziaria", voce=clean_text(r.descrizione), profilo=None, quantita=None,
                  importo=r.importo, note=clean_text(r.note)) for r in unit.risorse_finanziarie]
    return rows


def _positive(area, azione, page_url) -> dict:
    return {"area_id": area.id, "area": clean_text(area.titolo), "azione_id": azione.id, "codice": azione.codice,
            "titolo": clean_text(azione.titolo), "obiettivo_specifico": clean_text(azione.obiettivo_specifico),
            "descrizione": clean_text(azione.descrizione), "soggetti_attuatori": clean_text(azione.soggetti_attuatori),
            "destinatari": clean_text(azione.destinatari), "annualita": "; ".join(map(str, azione.annualita)) or None,
            "copertura_finanziaria": clean_text(azione.copertura_finanziaria),
            "pagina": page_url("azione_positiva", azione.id)}


def _change(atto, modifica) -> dict:
    return {"atto_id": atto.id, "atto": clean_text(atto.titolo), "organo": atto.organo, "numero": atto.numero,
            "data": _when(atto.data), "obiettivo_id": modifica.obiettivo, "elemento": modifica.elemento,
            "riferimento": modifica.riferimento, "tipo": modifica.tipo, "prima": clean_text(modifica.prima),
            "dopo": clean_text(modifica.dopo), "motivazione": clean_text(modifica.motivazione)}


def _classification(value) -> str | None:
    return f"{value.codice} {value.denominazione}" if value else None


def _strategic(indirizzo, obiettivo, plan: Piao) -> dict:
    return {"indirizzo_id": indirizzo.id, "indirizzo": indirizzo.titolo, "obiettivo_strategico_id": obiettivo.id,
            "codice": obiettivo.codice, "titolo": obiettivo.titolo, "descrizione": obiettivo.descrizione,
            "ambito": obiettivo.ambito, "missione": _classification(obiettivo.missione),
            "programma": _classification(obiettivo.programma),
            "numero_obiettivi": sum(1 for o in plan.obiettivi if o.obiettivo_strategico == obiettivo.id)}


def _improvement(azione) -> dict:
    return {"azione_id": azione.id, "azione": azione.azione, "obiettivo_strategico_id": azione.obiettivo_valore_pubblico,
            "obiettivo": azione.obiettivo, "area_intervento": azione.area_intervento, "formula": azione.formula,
            "dipendenti_coinvolti": azione.dipendenti_coinvolti, "target": azione.target}
