"""The comune (scheda anagrafica) and the plan it adopts."""

from __future__ import annotations

from pydantic import Field

from .types import Data, Nodo, Percentuale, Riga, Testo, UrlWeb

ENTE_NON_INDICATO = "Ente non indicato nel documento di origine"


class Ente(Nodo):
    """Scheda anagrafica dell'amministrazione (PIAO sezione 1). All optional but the name:
    a source document that names no comune says so with ``denominazione: null``."""

    denominazione: str | None = None
    tipo: str | None = Field(None, description="Es. «Comune».")
    indirizzo: str | None = None
    codice_ipa: str | None = Field(None, pattern=r"^[A-Za-z0-9_]{2,20}$",
                                   description="Il codice dell'ente nell'Indice dei domicili digitali della PA "
                                               "(IPA, www.indicepa.gov.it), es. «c_a182»: identifica l'ente nel "
                                               "catalogo dei dati aperti.")
    codice_fiscale: str | None = None
    partita_iva: str | None = None
    codice_istat: str | None = None
    telefono: str | None = None
    sito: UrlWeb | None = None
    email: str | None = None
    pec: str | None = None
    note: Riga | None = None
    stemma: str | None = Field(None, pattern=r"(?i)^[\w./-]+\.(svg|png|jpe?g|webp)$",
                               description="Il file dello stemma nella cartella dei dati (svg, png, jpg o webp), "
                                           "es. «stemma.svg»: appare nell'intestazione di ogni pagina.")
    fittizio: bool = Field(False, description="true per un ente immaginario (un sito dimostrativo): ogni pagina "
                                              "lo dice.")

    @property
    def nome(self) -> str:
        return self.denominazione or ENTE_NON_INDICATO


class EstremiAtto(Nodo):
    """Who adopted an act, what kind, its number and date, where to read it: null where the source is silent."""

    organo: str | None = Field(None, description="Es. «Giunta comunale», «Consiglio comunale».")
    tipo: str | None = Field(None, description="Es. «Deliberazione», «Determinazione dirigenziale».")
    numero: str | None = None
    data: Data | None = None
    url: UrlWeb | None = None


class Atto(EstremiAtto):
    """An act that approves or relates to the plan (delibera di Giunta, decreto…)."""

    oggetto: Riga | None = None
    approva_il_piano: bool = Field(False, description="true per l'atto che approva il piano: la sua data è quella "
                                                     "di pubblicazione se manca «pubblicato_il».")


class Piano(Nodo):
    """The plan as a document: title, three-year period, acts, sections it covers."""

    titolo: Riga
    triennio: str | None = Field(None, pattern=r"^\d{4}-\d{4}$",
                                 description="Es. «2022-2024»; null se il documento non lo indica.")
    annualita: int | None = Field(None, description="L'anno a cui si riferiscono gli obiettivi annuali.")
    sottotitolo: Riga | None = None
    documento_origine: str | None = Field(None, description="Il documento pubblicato da cui provengono i dati.")
    testo_origine: str | None = Field(
        None, description="Il file con il testo del documento di origine, nella cartella del progetto "
                          "(es. «fonte.txt»): resta nel repository accanto ai dati e non viene pubblicato.")
    sezioni_piao: list[str] = Field(default_factory=list, description="Le sezioni del PIAO trattate.")
    atti: list[Atto] = Field(default_factory=list)
    premessa: Testo | None = None
    peso_totale_per_struttura: Percentuale | None = Field(
        100, ge=0, le=100,
        description="La somma attesa dei pesi degli obiettivi di ogni struttura (null: nessun controllo).")
    presentazione_obiettivi: Testo | None = Field(None, description="Testo introduttivo all'elenco degli obiettivi.")
    pubblicato_il: Data | None = Field(
        None, description="La data di pubblicazione sul sito; se manca vale quella dell'atto che approva il piano, "
                          "poi quella del primo commit dei dati nella storia git.")
    aggiornato_il: Data | None = Field(None, description="La data dell'ultimo aggiornamento dei dati del piano.")
    semplificato: bool = Field(False, description="true per il PIAO semplificato delle amministrazioni con meno di 50 "
                                                  "dipendenti (DM 132/2022, art. 6): senza le sezioni 2.1, 2.2 e 4.")

    @property
    def data_pubblicazione(self):
        """The publication date the data gives: «pubblicato_il», or the date of the approving act."""
        if self.pubblicato_il:
            return self.pubblicato_il
        return next((atto.data for atto in self.atti if atto.approva_il_piano and atto.data), None)

    @property
    def anno_inizio(self) -> int | None:
        return int(self.triennio[:4]) if self.triennio else None

    @property
    def anno_fine(self) -> int | None:
        return int(self.triennio[5:]) if self.triennio else None

    @property
    def etichetta(self) -> str:
        """How the plan is named in menus and breadcrumbs: «PIAO 2022-2024», or «PIAO»."""
        return f"PIAO {self.triennio}" if self.triennio else "PIAO"

    @property
    def segmento(self) -> str:
        """The plan's folder in URLs: the period, or «piano» when the source gives none."""
        return self.triennio or "piano"
