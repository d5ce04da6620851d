"""The organisation: direzioni, settori, aree, servizi autonomi, centri di responsabilità."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .types import Nodo, Slug

TipoStruttura = Literal[
    "direzione",
    "settore",
    "area",
    "servizio autonomo",
    "servizio",
    "sezione",
    "centro di responsabilità",
    "ufficio",
    "altro",
]


class Incarico(Nodo):
    """A named role holder. Managers and P.O./E.Q. are public by law (art. 14 d.lgs. 33/2013)."""

    nome: str
    qualifica: str | None = Field(None, description="Es. «Responsabile in P.O.», «Comandante Vicario».")
    note: str | None = Field(None, description="Es. «sino al 14/07/2022; dal 15/07/2022: dirigente ad interim».")


class Struttura(Nodo):
    id: Slug
    tipo: TipoStruttura
    nome: str
    sigla: str | None = None
    parte_di: Slug | None = Field(None, description="L'id della struttura che la contiene.")
    dirigente: Incarico | None = None
    responsabile: Incarico | None = Field(None, description="Responsabile di P.O./E.Q. o di servizio.")
    assessore: str | None = None
    descrizione: str | None = None
    # Art. 13 d.lgs. 33/2013 as ANAC's publication scheme spells it (delibera 495/2024): what the office
    # does and how to reach it. All optional: a plan that does not state them leaves them out.
    competenze: str | None = Field(None, description="Le competenze dell'ufficio (art. 13 d.lgs. 33/2013), in breve.")
    telefono: str | None = Field(None, description="Il telefono dell'ufficio.")
    email: str | None = Field(None, description="La casella di posta elettronica dell'ufficio.")
    pec: str | None = Field(None, description="La casella di posta elettronica certificata dell'ufficio.")
