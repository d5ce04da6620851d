"""Narrative parts of the plan: free sections and the digital-accessibility actions."""

from __future__ import annotations

from pydantic import Field

from .types import Nodo, Slug


class Sezione(Nodo):
    """A narrative section of the PIAO (premessa, POLA, formazione, monitoraggio…), in Markdown."""

    id: Slug
    numero: str | None = Field(None, description="Es. «3.2».")
    titolo: str
    sommario: str | None = Field(None, description="Una frase che descrive la sezione.")
    testo: str


class ObiettivoAccessibilita(Nodo):
    titolo: str
    azioni: list[str] = Field(default_factory=list)


class AmbitoAccessibilita(Nodo):
    titolo: str
    obiettivi: list[ObiettivoAccessibilita] = Field(default_factory=list)


class AzioniAccessibilita(Nodo):
    """Modalità e azioni per la piena accessibilità (PIAO sottosezione valore pubblico)."""

    titolo: str = "Accessibilità fisica e digitale"
    introduzione: str | None = None
    ambiti: list[AmbitoAccessibilita] = Field(default_factory=list)
    stato_conformita: str | None = None
    interventi: list[str] = Field(default_factory=list, description="Obiettivi e interventi dell'anno.")
    conclusione: str | None = None
