"""Valore pubblico: strategic lines (indirizzi) and their obiettivi strategici / OVP."""

from __future__ import annotations

from pydantic import Field

from .types import Nodo, Riga, Slug, Testo


class Classificazione(Nodo):
    """A national DUP code, e.g. missione «12» «Diritti sociali, politiche sociali e famiglia»."""

    codice: str
    denominazione: str


class Progetto(Nodo):
    codice: str | None = None
    titolo: Riga


class ObiettivoStrategico(Nodo):
    """An obiettivo strategico or obiettivo di valore pubblico (OVP / OVPT)."""

    id: Slug
    codice: str | None = Field(None, description="Es. «1.05», «OVPT 2».")
    titolo: Riga
    descrizione: Testo | None = None
    ambito: Riga | None = None
    missione: Classificazione | None = None
    programma: Classificazione | None = None
    progetti: list[Progetto] = Field(default_factory=list)


class Indirizzo(Nodo):
    """A strategic line (indirizzo strategico / linea di mandato) grouping strategic objectives."""

    id: Slug
    codice: str | None = None
    titolo: Riga
    descrizione: Testo | None = None
    obiettivi_strategici: list[ObiettivoStrategico] = Field(default_factory=list)
