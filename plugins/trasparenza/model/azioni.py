"""Piano delle azioni positive and azioni di miglioramento linked to public-value objectives."""

from __future__ import annotations

from pydantic import Field

from .types import Nodo, Slug


class IndicatoreAzione(Nodo):
    descrizione: str
    annualita: list[int] = Field(default_factory=list, description="1, 2, 3: gli anni del triennio.")


class AzionePositiva(Nodo):
    id: Slug
    codice: str | None = None
    titolo: str
    obiettivo_specifico: str | None = None
    descrizione: str | None = None
    soggetti_attuatori: str | None = None
    destinatari: str | None = None
    indicatori: list[IndicatoreAzione] = Field(default_factory=list)
    annualita: list[int] = Field(default_factory=list)
    copertura_finanziaria: str | None = None
    obiettivi: list[Slug] = Field(default_factory=list, description="Obiettivi di performance collegati.")


class AreaAzioniPositive(Nodo):
    """An area / ambito di intervento grouping specific objectives and actions."""

    id: Slug
    codice: str | None = None
    titolo: str
    descrizione: str | None = None
    obiettivi: list[str] = Field(default_factory=list)
    copertura_finanziaria: str | None = None
    azioni: list[AzionePositiva] = Field(default_factory=list)


class PianoAzioniPositive(Nodo):
    titolo: str
    triennio: str | None = None
    introduzione: str | None = None
    premesse_normative: str | None = None
    obiettivi_generali: str | None = None
    obiettivi_specifici: list[str] = Field(default_factory=list)
    presentazione_azioni: str | None = None
    aree: list[AreaAzioniPositive] = Field(default_factory=list)
    tempi_attuazione: str | None = None
    risorse: str | None = None
    durata: str | None = None


class AzioneMiglioramento(Nodo):
    """Azione di miglioramento della salute amministrativa linked to an OVP."""

    id: Slug
    azione: str
    obiettivo_valore_pubblico: Slug
    obiettivo: str | None = None
    area_intervento: str | None = None
    formula: str | None = None
    dipendenti_coinvolti: str | None = None
    target: str | None = None
