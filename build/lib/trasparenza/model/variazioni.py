"""Variations of the plan during the year: acts that change objectives, phases, indicators, targets.

The objectives' files hold the plan as it is now: a phase or an indicator the act eliminated stays in
them (it is shown struck through, with the act's motivazione); one it added is there too, and the act
says so; one it modified holds the new text, and the act keeps the text before. The state of every item
comes from the acts alone, so a change is written once.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .ente import EstremiAtto
from .types import Nodo, Riga, Slug, Testo

TipoModifica = Literal["eliminato", "modificato", "aggiunto", "proroga"]
ElementoModificato = Literal["obiettivo", "fase", "indicatore", "target", "attività"]


_NOUNS = {"obiettivo": ("Obiettivo", False), "fase": ("Fase", True), "indicatore": ("Indicatore", False),
          "target": ("Target", False), "attività": ("Attività", True)}


class Modifica(Nodo):
    """One change an act makes to one element of one objective, with its reason."""

    obiettivo: Slug = Field(description="L'id dell'obiettivo modificato.")
    elemento: ElementoModificato = Field("obiettivo", description="Che cosa cambia: l'obiettivo, una fase, "
                                         "un indicatore, il target di un indicatore, un'attività istituzionale.")
    riferimento: str | None = Field(
        None, description="Quale elemento: il codice della fase («3»), il nome dell'indicatore come scritto nella "
                          "scheda, il testo dell'attività. Non serve per l'obiettivo intero.")
    tipo: TipoModifica = Field(description="eliminato, modificato, aggiunto, proroga (variazione dei tempi).")
    prima: str | None = Field(None, description="Il testo o il valore prima della variazione.")
    dopo: str | None = Field(None, description="Il testo o il valore dopo la variazione.")
    motivazione: Riga | None = None

    @property
    def etichetta(self) -> str:
        """«Fase eliminata», «Target modificato», «Tempi della fase variati»…"""
        if self.tipo == "proroga":
            return {"obiettivo": "Tempi dell'obiettivo variati", "fase": "Tempi della fase variati"}.get(
                self.elemento, "Tempi variati")
        noun, feminine = _NOUNS[self.elemento]
        return f"{noun} {self.tipo[:-1] + 'a' if feminine else self.tipo}"

    @model_validator(mode="after")
    def names_its_element(self):
        if self.elemento != "obiettivo" and not self.riferimento:
            raise PydanticCustomError(
                "riferimento", "manca «riferimento»: quale {elemento} cambia?", {"elemento": self.elemento})
        return self


class AttoVariazione(EstremiAtto):
    """A formal act (or request) that varies the plan: its details as the source gives them."""

    id: Slug
    titolo: Riga = Field(description="Es. «Variazione di metà anno al Piano delle Performance 2023-2025».")
    descrizione: Testo | None = None
    modifiche: list[Modifica] = Field(default_factory=list)


class FileVariazioni(Nodo):
    titolo: Riga = "Variazioni al piano"
    introduzione: Testo | None = None
    atti: list[AttoVariazione]
