"""The comune (scheda anagrafica) and the plan it adopts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

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
                                               "(IPA, www.indicepa.gov.it), es. «c_xxxx»: identifica l'ente nel "
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

    @property
    def di_nome(self) -> str:
        """«di» with the name, as Italian joins them: «del Comune di Segrate», «dell'Unione dei comuni…»,
        «della Città metropolitana…», «di Roma Capitale»."""
        return preposition_di(self.nome)


_DI = (("del ", ("comune ", "consorzio ", "municipio ", "commissario ")),
       ("dell'", ("unione ", "azienda ", "agenzia ", "ente ", "istituto ", "ufficio ", "ordine ", "autorità ")),
       ("della ", ("città ", "provincia ", "regione ", "comunità ", "camera ", "società ", "fondazione ")))


def preposition_di(name: str) -> str:
    lower = name.lower() + " "
    for preposition, starts in _DI:
        if lower.startswith(starts):
            return preposition + name
    return "di " + name


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


class Validazione(EstremiAtto):
    """The validation of the Relazione sulla performance by the OIV or Nucleo di valutazione (d.lgs. 150/2009,
    art. 14, comma 4, lettera c)."""

    organo: str | None = Field(None, description="Chi l'ha validata, es. «Nucleo di valutazione», «OIV».")
    note: Riga | None = None


class RelazionePerformance(Nodo):
    """The approved Relazione sulla performance of a year: its approval act and its validation."""

    anno: int = Field(description="L'anno a cui si riferisce la Relazione.")
    approvazione: EstremiAtto | None = Field(None, description="L'atto che approva la Relazione (delibera di Giunta).")
    validazione: Validazione | None = Field(None, description="La validazione dell'OIV o del Nucleo di valutazione.")
    url: UrlWeb | None = Field(None, description="Il documento della Relazione, se pubblicato altrove.")


# The kinds of planning document a comune publishes: the PIAO (DL 80/2021 art. 6), its simplified form for
# bodies with fewer than 50 employees (DM 132/2022 art. 6), and the documents before or beside it.
DOCUMENTI = {
    # kind: (short name in labels, full name in sentences)
    "PIAO": ("PIAO", "Piano integrato di attività e organizzazione (PIAO)"),
    "PIAO semplificato": ("PIAO", "Piano integrato di attività e organizzazione (PIAO) semplificato"),
    "Piano della performance": ("Piano della performance", "Piano della performance"),
    "PEG": ("PEG", "Piano esecutivo di gestione (PEG)"),
    "PDO": ("PDO", "Piano dettagliato degli obiettivi (PDO)"),
    "PEG/PDO": ("PEG/PDO", "Piano esecutivo di gestione e Piano dettagliato degli obiettivi (PEG/PDO)"),
}
TipoDocumento = Literal["PIAO", "PIAO semplificato", "Piano della performance", "PEG", "PDO", "PEG/PDO"]


class Piano(Nodo):
    """The plan as a document: title, three-year period, acts, sections it covers."""

    documento: TipoDocumento = Field(
        "PIAO", description="Il tipo di documento: «PIAO», «PIAO semplificato», «Piano della performance», «PEG», "
                            "«PDO» o «PEG/PDO». Dà il nome al piano in titoli, percorsi, ricerca e dati aperti.")
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
    resta_pubblicato: Riga | None = Field(
        None, description="Perché il piano resta pubblicato oltre il periodo obbligatorio (d.lgs. 33/2013, art. 8, "
                          "comma 3), es. «produce ancora effetti: obiettivi pluriennali in corso». Toglie l'avviso "
                          "sulla fine della pubblicazione e compare nell'elenco dei piani.")
    relazioni: list[RelazionePerformance] = Field(
        default_factory=list, description="Le Relazioni sulla performance approvate, con l'atto di approvazione e la "
                                          "validazione dell'OIV o del Nucleo di valutazione.")
    pubblicato_il: Data | None = Field(
        None, description="La data di pubblicazione sul sito; se manca vale quella dell'atto che approva il piano, "
                          "poi quella del primo commit dei dati nella storia git.")
    aggiornato_il: Data | None = Field(None, description="La data dell'ultimo aggiornamento dei dati del piano.")
    semplificato: bool = Field(False, description="true per il PIAO semplificato delle amministrazioni con meno di 50 "
                                                  "dipendenti (DM 132/2022, art. 6): senza le sezioni 2.1, 2.2 e 4. "
                                                  "Equivale a «documento: PIAO semplificato».")

    @model_validator(mode="after")
    def simplified_is_a_kind(self):
        if self.semplificato and self.documento not in ("PIAO", "PIAO semplificato"):
            raise PydanticCustomError("semplificato", "«semplificato: true» vale solo per un PIAO, non per il "
                                      "documento «{documento}»", {"documento": self.documento})
        if self.semplificato and self.documento == "PIAO":
            self.documento = "PIAO semplificato"
        self.semplificato = self.documento == "PIAO semplificato"
        return self

    @property
    def piao(self) -> bool:
        """Whether the document is a PIAO (its parts follow the Piano tipo of DM 132/2022)."""
        return self.documento in ("PIAO", "PIAO semplificato")

    @property
    def nome_obiettivi(self) -> str:
        """How the plan's objectives are called: of performance in a PIAO, of management in a PEG or PDO."""
        return "Obiettivi di gestione" if self.documento in ("PEG", "PDO", "PEG/PDO") else "Obiettivi di performance"

    @property
    def nome_documento(self) -> str:
        """The document's full name: «Piano integrato di attività e organizzazione (PIAO)», «Piano della performance»."""
        return DOCUMENTI[self.documento][1]

    @property
    def data_pubblicazione(self):
        """The publication date the data gives: «pubblicato_il», or the date of the approving act."""
        if self.pubblicato_il:
            return self.pubblicato_il
        return next((atto.data for atto in self.atti if atto.approva_il_piano and atto.data), None)

    @property
    def anno_unico(self) -> int | None:
        """The plan's year when the plan is annual (an «annualita» and no three-year period): it completes the
        deadlines the plan writes without a year («entro il 30/06»)."""
        return self.annualita if self.annualita and not self.triennio else None

    @property
    def anno_inizio(self) -> int | None:
        return int(self.triennio[:4]) if self.triennio else None

    @property
    def anno_fine(self) -> int | None:
        return int(self.triennio[5:]) if self.triennio else None

    @property
    def etichetta(self) -> str:
        """How the plan is named in menus and breadcrumbs: «PIAO 2022-2024», «Piano della performance 2016»,
        or the kind alone."""
        period = self.triennio or (str(self.annualita) if self.annualita else "")
        return f"{DOCUMENTI[self.documento][0]} {period}".strip()

    @property
    def segmento(self) -> str:
        """The plan's folder in URLs: the period (the three years, or the year of an annual plan), or «piano»
        when the source gives none."""
        return self.triennio or (str(self.annualita) if self.annualita else "piano")
