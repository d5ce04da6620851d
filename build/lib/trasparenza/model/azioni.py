"""Piano delle azioni positive and azioni di miglioramento linked to public-value objectives."""

from __future__ import annotations

from pydantic import Field

from .types import Nodo, Riga, Slug, Testo


class IndicatoreAzione(Nodo):
    descrizione: Riga
    annualita: list[int] = Field(default_factory=list, description="1, 2, 3: gli anni del triennio.")


class AzionePositiva(Nodo):
    id: Slug
    codice: str | None = None
    titolo: Riga
    obiettivo_specifico: Riga | None = None
    descrizione: Testo | None = None
    soggetti_attuatori: Riga | None = None
    destinatari: Riga | None = None
    indicatori: list[IndicatoreAzione] = Field(default_factory=list)
    annualita: list[int] = Field(default_factory=list)
    copertura_finanziaria: Riga | None = None
    obiettivi: list[Slug] = Field(default_factory=list, description="Obiettivi di performance collegati.")


class AreaAzioniPositive(Nodo):
    """An area / ambito di intervento grouping specific objectives and actions."""

    id: Slug
    codice: str | None = None
    titolo: Riga
    descrizione: Testo | None = None
    obiettivi: list[Riga] = Field(default_factory=list)
    copertura_finanziaria: Riga | None = None
    azioni: list[AzionePositiva] = Field(default_factory=list)


class PianoAzioniPositive(Nodo):
    titolo: Riga
    triennio: str | None = None
    introduzione: Testo | None = None
    premesse_normative: Testo | None = None
    obiettivi_generali: Testo | None = None
    obiettivi_specifici: list[Riga] = Field(default_factory=list)
    presentazione_azioni: Testo | None = None
    aree: list[AreaAzioniPositive] = Field(default_factory=list)
    tempi_attuazione: Testo | None = None
    risorse: Testo | None = None
    durata: Testo | None = None


class AzioneMiglioramento(Nodo):
    """Azione di miglioramento della salute amministrativa linked to an OVP."""

    id: Slug
    azione: Riga
    obiettivo_valore_pubblico: Slug
    obiettivo: Riga | None = None
    area_intervento: Riga | None = None
    formula: str | None = None
    dipendenti_coinvolti: Riga | None = None
    target: str | None = None
