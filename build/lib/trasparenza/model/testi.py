"""Narrative parts of the plan: free sections and the digital-accessibility actions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .types import Nodo, Riga, Slug, Testo


class Sezione(Nodo):
    """A narrative section of the PIAO (premessa, POLA, formazione, monitoraggio…), in Markdown."""

    id: Slug
    numero: str | None = Field(None, description="Es. «3.2».")
    sezione_piano_tipo: Literal["1", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4"] | None = Field(
        None, description="La sezione del Piano tipo (DM 132/2022) a cui appartiene: 1 scheda anagrafica, "
                          "2.1 valore pubblico, 2.2 performance, 2.3 rischi corruttivi e trasparenza, 3.1 struttura "
                          "organizzativa, 3.2 lavoro agile, 3.3 fabbisogni di personale, 4 monitoraggio.")
    titolo: Riga
    sommario: Riga | None = Field(None, description="Una frase che descrive la sezione.")
    testo: Testo


class ObiettivoAccessibilita(Nodo):
    titolo: Riga
    azioni: list[Riga] = Field(default_factory=list)


class AmbitoAccessibilita(Nodo):
    titolo: Riga
    obiettivi: list[ObiettivoAccessibilita] = Field(default_factory=list)


class AzioniAccessibilita(Nodo):
    """Modalità e azioni per la piena accessibilità (PIAO sottosezione valore pubblico)."""

    titolo: Riga = "Accessibilità fisica e digitale"
    introduzione: Testo | None = None
    ambiti: list[AmbitoAccessibilita] = Field(default_factory=list)
    stato_conformita: Testo | None = None
    interventi: list[Riga] = Field(default_factory=list, description="Obiettivi e interventi dell'anno.")
    conclusione: Testo | None = None
