"""Objectives and what hangs off them: phases, indicators, staff, resources.

Values of indicators and targets stay text for now ("superiore a 7 su 10", "≥ 100"):
typed targets with a computed status will parse these strings, not replace the fields.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .types import Data, Nodo, Percentuale, Peso, Riga, Scadenza, Slug, Testo
from .struttura import Incarico
from .valore_pubblico import Classificazione

# The types plans use, suggested to editors; a plan may use its own words (the type is shown as written).
TIPI_OBIETTIVO = ("strategico", "operativo", "gestionale", "esecutivo", "istituzionale", "mantenimento", "sviluppo",
                  "miglioramento", "performance", "performance organizzativa", "performance individuale",
                  "trasversale", "innovazione")
TipoObiettivo = Annotated[str, WithJsonSchema({"type": "string", "examples": list(TIPI_OBIETTIVO)})]
TipoIndicatore = Literal["quantità", "tempo", "costo", "qualità", "efficacia", "efficienza"]


class ValorePeriodo(Nodo):
    """A value for a period: a year ("2023"), a school year ("a.s. 2019/2020"), a date."""

    periodo: str
    valore: str


class Rilevazione(Nodo):
    """A monitoring measurement: what was reached at a date, and the gap from the target."""

    data: Data
    atteso: str | None = None
    raggiunto: str | None = None
    scostamento: str | None = Field(None, description="Lo scostamento come scritto nel documento (altrimenti è calcolato).")
    finale: bool | None = Field(None, description="La rilevazione di fine anno (per difetto quella al 31 dicembre).")
    note: Riga | None = None


class Indicatore(Nodo):
    nome: Riga
    tipo: TipoIndicatore | None = None
    formula: str | None = None
    indice: str | None = Field(None, description="Es. «Tempo previsto», «Numero utenti».")
    unita: str | None = None
    valore_atteso: str | None = Field(None, description="Il target dell'anno, come scritto nel piano.")
    serie: list[ValorePeriodo] = Field(default_factory=list, description="Valori degli anni passati.")
    target: list[ValorePeriodo] = Field(default_factory=list, description="Target per anno.")
    rilevazioni: list[Rilevazione] = Field(default_factory=list)
    note: Riga | None = None


class QuotaPeriodo(Nodo):
    """One cell of a cronoprogramma: the share of a phase planned in a period, or the plan's mark (×, ✓)."""

    periodo: str = Field(description="Es. «2023-01» per gennaio 2023, oppure «2024».")
    percentuale: Percentuale | None = Field(None, ge=0, le=100)
    segno: str | None = Field(None, max_length=3, description="Il segno del piano nella casella del mese, "
                                                             "es. «×» o «✓», quando non indica una percentuale.")

    @model_validator(mode="after")
    def says_something(self):
        if self.percentuale is None and not self.segno:
            raise PydanticCustomError("cronoprogramma", "il periodo {periodo} non ha né «percentuale» né «segno»",
                                      {"periodo": self.periodo})
        return self

    @property
    def previsto(self) -> bool:
        """Whether the phase is planned in the period."""
        return bool(self.segno) or bool(self.percentuale)


class Fase(Nodo):
    codice: str | None = None
    descrizione: Testo
    incidenza: Percentuale | None = Field(None, ge=0, le=100)
    responsabili: str | None = Field(None, description="Codici o nomi dei responsabili coinvolti.")
    inizio: Scadenza | None = None
    scadenza: Scadenza | None = None
    raggiunta_anni_precedenti: Percentuale | None = Field(None, ge=0, le=100)
    cronoprogramma: list[QuotaPeriodo] = Field(default_factory=list)
    rilevazioni: list[Rilevazione] = Field(default_factory=list, description="Target e scostamento per data.")
    indicatori: list[Indicatore] = Field(default_factory=list)
    personale: Testo | None = Field(None, description="Personale coinvolto nella fase (testo).")
    note: Riga | None = None


class CriteriValutazione(Nodo):
    """When the objective counts as reached / not reached."""

    annualita: int | None = None
    raggiunto: Riga | None = None
    non_raggiunto: Riga | None = None
    note: Riga | None = None


class PersonaleCoinvolto(Nodo):
    categoria: str | None = None
    nome: str | None = Field(None, description="Pubblicato solo se la configurazione lo consente.")
    ruolo: str | None = None
    partecipazione: Percentuale | None = Field(None, ge=0, le=100)
    note: Riga | None = None


class Risorsa(Nodo):
    tipologia: str | None = None
    descrizione: Riga
    costo: str | None = None


class Obiettivo(Nodo):
    id: Slug
    codice: str | None = Field(None, description="Il codice usato dal piano: «A», «1.1», N. scheda.")
    tipo: TipoObiettivo | None = Field(None, description="Il tipo come lo scrive il piano (strategico, operativo, "
                                       "gestionale, istituzionale, mantenimento, sviluppo…); senza tipo non se ne "
                                       "mostra nessuno.")
    titolo: Riga
    struttura: Slug = Field(description="L'id della struttura responsabile.")
    strutture_coinvolte: list[Slug] = Field(default_factory=list)
    responsabile: Incarico | None = Field(None, description="Se diverso da quello della struttura.")
    dirigente: Incarico | None = Field(None, description="Se diverso da quello della struttura.")
    assessore: str | None = None
    servizio: Riga | None = None
    obiettivo_strategico: Slug | None = None
    obiettivo_operativo: Riga | None = None
    progetto: Riga | None = None
    missione: Classificazione | None = None
    programma: Classificazione | None = None
    finalita: Testo | None = None
    descrizione: Testo | None = None
    valore_pubblico: Testo | None = None
    peso: Peso | None = Field(None, description="Il peso in percentuale (40 o 40%), oppure «X», «propedeutico», "
                                                 "«non pesato» per un obiettivo fuori dalla media ponderata.")
    orizzonte: str | None = Field(None, description="Orizzonte temporale, es. «2023» o «2023-2025».")
    fasi: list[Fase] = Field(default_factory=list)
    scadenza_finale: Scadenza | None = None
    attivita_istituzionali: list[Riga] = Field(default_factory=list)
    risultato_atteso: Testo | None = None
    criteri: list[CriteriValutazione] = Field(default_factory=list)
    indicatori: list[Indicatore] = Field(default_factory=list)
    vincoli: Testo | None = None
    personale: list[PersonaleCoinvolto] = Field(default_factory=list)
    risorse_umane: Riga | None = None
    risorse_finanziarie: Riga | None = None
    risorse: list[Risorsa] = Field(default_factory=list)
    costo_risorse: str | None = Field(None, description="Il totale «COSTO RISORSE» come scritto nel piano.")
    azioni_positive: list[Slug] = Field(default_factory=list)
    validazione: Riga | None = Field(None, description="Es. «Visto di validazione: il Nucleo di Valutazione».")
    note: Riga | None = None

    @property
    def pesato(self) -> bool:
        """Whether the objective has a numeric weight (a prerequisite or non-weighted one has none)."""
        return isinstance(self.peso, (int, float))

    def tutti_gli_indicatori(self) -> list[Indicatore]:
        """The objective's indicators and those of its phases."""
        return list(self.indicatori) + [i for f in self.fasi for i in f.indicatori]
