"""Dichiarazione di accessibilità (AgID model) and the yearly obiettivi di accessibilità.

The official statement is compiled and published on form.agid.gov.it; the site presents it
following the same model and links to it. Parts the source does not state are written as
``null`` explicitly (the key must be there: a forgotten part is an error, an unknown one is not).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .types import Data, Nodo, Riga, Testo, UrlWeb

StatoConformita = Literal["conforme", "parzialmente conforme", "non conforme"]
MotivoNonAccessibile = Literal["inosservanza della legge 4/2004", "onere sproporzionato", "fuori ambito di applicazione"]
AmbitoObiettivo = Literal[
    "sito web istituzionale",
    "siti web tematici",
    "sito intranet",
    "formazione",
    "postazioni di lavoro",
    "organizzazione del lavoro",
]
AGID_FORM = "https://form.agid.gov.it/"  # where AgID's statements live; AgID's validator wants the footer to link there
DIFENSORE_CIVICO_URL = AGID_FORM



class ContenutoNonAccessibile(Nodo):
    descrizione: Riga
    motivo: MotivoNonAccessibile | None = None
    alternativa: Riga | None = Field(None, description="L'alternativa accessibile offerta.")


class Redazione(Nodo):
    data: Data | None = Field(None, description="Data della prima redazione della dichiarazione.")
    metodo: Literal["autovalutazione", "valutazione di terzi"] | None = Field(
        description="Obbligatorio: null se non indicato nel documento di origine.")
    ultimo_riesame: Data | None = Field(description="Obbligatorio: la data dell'ultimo riesame (entro il 23 settembre).")
    note: Testo | None = None


class Feedback(Nodo):
    descrizione: Testo | None = None
    url: UrlWeb | None = None
    email: str | None = None
    pec: str | None = None
    telefono: str | None = None
    tempo_risposta_giorni: int = Field(30, ge=1, le=30)


    @model_validator(mode="after")
    def has_contact(self):
        if not (self.url or self.email or self.pec or self.telefono):
            raise PydanticCustomError("feedback", "il meccanismo di feedback non indica nessun recapito")
        return self


class ProceduraAttuazione(Nodo):
    url: UrlWeb = DIFENSORE_CIVICO_URL
    descrizione: Testo | None = None



class VerificaAutomatica(Nodo):
    """The last automated check (e.g. `trasparenza check-a11y`), to compare with the declared state."""

    data: Data
    violazioni: int = Field(ge=0)
    pagine: int | None = Field(None, ge=0)
    strumento: str | None = None


class ObiettivoAnnuale(Nodo):
    ambito: AmbitoObiettivo
    obiettivo: Riga
    intervento: Riga | None = None
    tempi: str | None = None


class ObiettiviAccessibilita(Nodo):
    anno: int
    url: UrlWeb | None = Field(None, description="Gli obiettivi pubblicati su form.agid.gov.it, se presenti.")
    introduzione: Testo | None = None
    obiettivi: list[ObiettivoAnnuale]
    fonte: Riga | None = Field(None, description="Dove il piano li dichiara.")



class DichiarazioneAccessibilita(Nodo):
    url: UrlWeb | None = Field(description="La dichiarazione ufficiale su form.agid.gov.it (null se non pubblicata).")
    sito: str | None = Field(None, description="Il sito a cui si riferisce la dichiarazione.")
    stato_conformita: StatoConformita
    norma: str = "UNI CEI EN 301549:2018 e WCAG 2.1 livello AA"
    contenuti_non_accessibili: list[ContenutoNonAccessibile] = Field(default_factory=list)
    redazione: Redazione
    feedback: Feedback
    procedura_attuazione: ProceduraAttuazione = Field(default_factory=ProceduraAttuazione)
    verifica_automatica: VerificaAutomatica | None = None
    note: Testo | None = None

