"""Sottosezione 2.3 «Rischi corruttivi e trasparenza» (DM 132/2022, art. 3, c. 1, lett. c): the context,
the map of processes with their risks and the assessment of each, the prevention measures with their
monitoring, and the plan of the transparency obligations.

Values stay text as the plan writes them (a risk level «medio-alto», a frequency «entro 30 giorni»): the
suggested words are offered to editors, never imposed. Prose fields are ``Testo``/``Riga``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema

from .obiettivi import Indicatore
from .struttura import Incarico
from .trasparenza import IdObbligo
from .types import Nodo, Riga, Scadenza, Slug, Testo, UrlWeb

# The general areas of risk of L. 190/2012, art. 1, c. 16 and of the PNA (2013, 2015, 2019): offered to
# editors; an area of the ente's own is written with «generale: false».
AREE_GENERALI = (
    "Acquisizione e gestione del personale",
    "Contratti pubblici",
    "Provvedimenti ampliativi della sfera giuridica dei destinatari privi di effetto economico diretto e immediato",
    "Provvedimenti ampliativi della sfera giuridica dei destinatari con effetto economico diretto e immediato",
    "Gestione delle entrate, delle spese e del patrimonio",
    "Controlli, verifiche, ispezioni e sanzioni",
    "Incarichi e nomine",
    "Affari legali e contenzioso",
    "Governo del territorio",
    "Gestione dei rifiuti",
    "Pianificazione urbanistica",
)
# The qualitative indicators of the PNA 2019 (allegato 1, box 9), in its order.
INDICATORI_PNA = (
    "Livello di interesse esterno",
    "Grado di discrezionalità del decisore interno",
    "Manifestazione di eventi corruttivi in passato",
    "Opacità del processo decisionale",
    "Livello di collaborazione del responsabile del processo",
    "Grado di attuazione delle misure di trattamento",
)
SCALA_PNA = ("basso", "medio", "alto", "altissimo")
# The general measures of the PNA, and the kinds of measure of the PNA 2019 (allegato 1, par. 5.1).
MISURE_GENERALI = ("codice di comportamento", "rotazione del personale", "conflitto di interessi",
                   "inconferibilità e incompatibilità", "whistleblowing", "formazione", "pantouflage",
                   "patti di integrità", "trasparenza", "commissioni e assegnazioni di uffici",
                   "incarichi extraistituzionali")
TIPOLOGIE_MISURA = ("controllo", "trasparenza", "definizione e promozione dell'etica e di standard di comportamento",
                    "regolamentazione", "semplificazione", "formazione", "sensibilizzazione e partecipazione",
                    "rotazione", "segnalazione e protezione", "disciplina del conflitto di interessi",
                    "regolazione dei rapporti con i rappresentanti di interessi particolari")
AGGIORNAMENTI = ("tempestivo", "trimestrale", "semestrale", "annuale", "entro 30 giorni", "nessuno")


def _suggested(*words: str):
    return Annotated[str, WithJsonSchema({"type": "string", "examples": list(words)})]


class Fonte(Nodo):
    """A source of the context analysis: a report, a database, a study."""

    titolo: Riga
    url: UrlWeb | None = None


class FileRischi(Nodo):
    """rischi-corruttivi.yaml: the section's introduction, the context and how risk is assessed."""

    titolo: Riga = "Rischi corruttivi e trasparenza"
    introduzione: Testo | None = None
    rpct: Incarico | None = Field(None, description="Il Responsabile della prevenzione della corruzione e della "
                                                    "trasparenza (RPCT).")
    contesto_esterno: Testo | None = Field(None, description="L'analisi del contesto esterno, con le sue fonti.")
    contesto_interno: Testo | None = Field(None, description="L'analisi del contesto interno.")
    fonti: list[Fonte] = Field(default_factory=list, description="Le fonti dell'analisi del contesto.")
    metodologia: Testo | None = Field(None, description="Come sono stati valutati i rischi.")
    indicatori: list[Riga] = Field(default_factory=lambda: list(INDICATORI_PNA),
                                   description="Gli indicatori di stima del livello di rischio (predefiniti quelli "
                                               "del PNA 2019).")
    scala: list[str] = Field(default_factory=lambda: list(SCALA_PNA), min_length=2,
                             description="I giudizi sintetici, dal più basso al più alto (predefiniti basso, medio, "
                                         "alto, altissimo).")
    monitoraggio: Testo | None = Field(None, description="Come si monitorano le misure e la sezione.")


class ValoreIndicatore(Nodo):
    """One indicator of the assessment: its value and the reason for it."""

    indicatore: Riga
    valore: str = Field(description="Il valore come lo scrive il piano, es. «alto».")
    motivazione: Riga | None = None


class Rischio(Nodo):
    """An evento rischioso of a process, with its assessment."""

    id: Slug
    codice: str | None = None
    descrizione: Riga
    fattori: Riga | None = Field(None, description="I fattori abilitanti (cause) dell'evento.")
    valutazione: list[ValoreIndicatore] = Field(default_factory=list)
    giudizio: str | None = Field(None, description="Il giudizio sintetico, uno della scala (es. «medio»).")
    motivazione: Riga | None = Field(None, description="La motivazione del giudizio sintetico.")


class Processo(Nodo):
    id: Slug
    codice: str | None = None
    titolo: Riga
    descrizione: Testo | None = None
    struttura: Slug = Field(description="L'id della struttura responsabile (struttura.yaml).")
    strutture_coinvolte: list[Slug] = Field(default_factory=list, description="Gli id delle altre strutture che "
                                                                              "partecipano al processo.")
    fasi: list[Riga] = Field(default_factory=list, description="Le fasi o attività del processo.")
    rischi: list[Rischio] = Field(default_factory=list)


class AreaRischio(Nodo):
    """An area of risk and its processes."""

    id: Slug
    codice: str | None = None
    titolo: _suggested(*AREE_GENERALI) = Field(description="Il nome dell'area, es. «Contratti pubblici».")
    generale: bool = Field(True, description="true per le aree generali (L. 190/2012, PNA); false per un'area "
                                             "specifica dell'ente.")
    descrizione: Testo | None = None
    processi: list[Processo] = Field(default_factory=list)


class FileAreeRischio(Nodo):
    """aree-rischio.yaml: the map of processes, area by area, with their risks and the assessment of each."""

    aree_rischio: list[AreaRischio]


class FaseMisura(Nodo):
    descrizione: Riga
    scadenza: Scadenza | None = None


TipoMisura = Literal["generale", "specifica"]


class Misura(Nodo):
    id: Slug
    codice: str | None = None
    titolo: Riga
    tipo: TipoMisura = Field(description="«generale» (vale per tutta l'amministrazione) o «specifica» (per "
                                         "alcuni rischi).")
    categoria: _suggested(*MISURE_GENERALI) | None = Field(
        None, description="Per una misura generale: quale (codice di comportamento, rotazione, whistleblowing…).")
    tipologia: _suggested(*TIPOLOGIE_MISURA) | None = Field(None, description="La tipologia (PNA 2019): controllo, "
                                                                           "trasparenza, regolamentazione…")
    descrizione: Testo | None = None
    rischi: list[Slug] = Field(default_factory=list, description="Gli id dei rischi che la misura tratta.")
    processi: list[Slug] = Field(default_factory=list, description="Gli id dei processi a cui si applica (oltre a "
                                                                   "quelli dei suoi rischi).")
    struttura: Slug | None = Field(None, description="L'id della struttura responsabile dell'attuazione.")
    responsabile: Incarico | None = Field(None, description="Se diverso dal responsabile della struttura.")
    fasi: list[FaseMisura] = Field(default_factory=list, description="Fasi e tempi di attuazione.")
    indicatori: list[Indicatore] = Field(default_factory=list, description="Gli indicatori di monitoraggio, con "
                                         "valore atteso e rilevazioni (le stesse regole degli obiettivi).")
    obiettivi: list[Slug] = Field(default_factory=list, description="Gli obiettivi di performance che attuano la "
                                                                    "misura.")
    note: Riga | None = None


class FileMisure(Nodo):
    """misure-prevenzione.yaml: the prevention measures."""

    introduzione: Testo | None = None
    misure: list[Misura]


class Obbligo(Nodo):
    """One publication obligation of the transparency plan (delibera ANAC 1310/2016, allegato 1)."""

    sezione: Riga = Field(description="La sotto-sezione di primo livello, es. «Disposizioni generali».")
    sottosezione: Riga | None = Field(None, description="La sotto-sezione di secondo livello.")
    denominazione: Riga = Field(description="Il singolo obbligo, es. «Piano triennale per la prevenzione della "
                                            "corruzione e della trasparenza».")
    riferimento: str | None = Field(None, description="Il riferimento normativo, es. «Art. 10, c. 8, lett. a), "
                                                      "d.lgs. n. 33/2013».")
    voce: IdObbligo | None = Field(None, description="L'id della voce dell'Amministrazione trasparente che questo sito "
                                               "pubblica, es. «piano-prevenzione-corruzione».")
    trasmissione: Slug = Field(description="L'id della struttura responsabile della trasmissione dei dati.")
    pubblicazione: Slug = Field(description="L'id della struttura responsabile della pubblicazione.")
    aggiornamento: _suggested(*AGGIORNAMENTI) = Field(description="Tempestivo, trimestrale, semestrale, annuale…")
    termini: Riga | None = Field(None, description="Il termine di pubblicazione, es. «entro 30 giorni "
                                                   "dall'approvazione».")
    url: UrlWeb | None = Field(None, description="Dove è pubblicato, se non in questo sito.")
    note: Riga | None = None


class FileObblighi(Nodo):
    """obblighi-pubblicazione.yaml: the programme of transparency."""

    introduzione: Testo | None = None
    obblighi: list[Obbligo]
