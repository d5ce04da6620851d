"""Variations of the plan during the year: objectives eliminated or modified, each with motivazione.

Kept as the source states them (operation labels such as «VARIAZIONE TEMPORALE: PROLUNGARE
AL 31.1.2024» stay text): the history of variations will build on these records.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .types import Data, Nodo, Slug


class Modifica(Nodo):
    """One change to an objective: what is touched, the operation, the items, the reason."""

    ambito: str | None = Field(None, description="Es. «Fasi», «Indici di Quantità», «Indicatore».")
    operazione: str | None = Field(None, description="Es. «ELIMINARE», «SOSTITUIRE CON», «VARIAZIONE TARGET».")
    elementi: list[str] = Field(default_factory=list, description="Le fasi, gli indicatori o i target toccati.")
    nuovo: list[str] = Field(default_factory=list, description="Il testo che sostituisce gli elementi.")
    motivazione: str | None = None


class RichiestaVariazione(Nodo):
    id: Slug
    obiettivo: Slug | None = Field(None, description="L'id dell'obiettivo pubblicato, se presente nei dati.")
    tipo_obiettivo: str | None = Field(None, description="Es. «gestionale», «istituzionale».")
    titolo_obiettivo: str
    direzione: str | None = None
    sezione: str | None = None
    numero_scheda: str | None = None
    responsabile: str | None = None
    azione: Literal["eliminare", "modificare"]
    richiesta: str | None = Field(None, description="Es. «ELIMINARE OBIETTIVO».")
    motivazione: str | None = None
    modifiche: list[Modifica] = Field(default_factory=list)


class FileVariazioni(Nodo):
    titolo: str = "Variazioni al piano"
    data: Data | None = None
    introduzione: str | None = None
    richieste: list[RichiestaVariazione]
