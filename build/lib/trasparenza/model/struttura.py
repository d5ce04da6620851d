"""The organisation: direzioni, settori, aree, servizi autonomi, centri di responsabilità."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .types import Nodo, Riga, Slug, Testo

TipoStruttura = Literal[
    "direzione",
    "settore",
    "area",
    "servizio autonomo",
    "servizio",
    "sezione",
    "centro di responsabilità",
    "centro di costo",
    "ufficio",
    "altro",
]


class Incarico(Nodo):
    """A named role holder. Managers and P.O./E.Q. are public by law (art. 14 d.lgs. 33/2013)."""

    nome: str
    qualifica: str | None = Field(None, description="Es. «Responsabile in P.O.», «Comandante Vicario».")
    note: Riga | None = Field(None, description="Es. «sino al 14/07/2022; dal 15/07/2022: dirigente ad interim».")


class PersonaleStruttura(Nodo):
    """Staff of a unit or cost centre by category, as the plan counts them (never by name)."""

    categoria: str = Field(description="La categoria o l'area contrattuale, es. «Istruttore», «D», «Funzionari EQ».")
    profilo: str | None = Field(None, description="Il profilo professionale, es. «amministrativo», «tecnico».")
    numero: str | None = Field(None, description="Quanti sono, come li conta il piano: «3», «2 part-time 50%».")
    note: Riga | None = None


class Dotazione(Nodo):
    """Equipment and premises of a unit (dotazioni strumentali)."""

    descrizione: Riga
    quantita: str | None = Field(None, description="Come la scrive il piano: «12», «1 per ufficio».")
    note: Riga | None = None


class RisorsaFinanziaria(Nodo):
    """Financial resources assigned to a unit or cost centre."""

    descrizione: Riga = Field(description="Es. «Spese correnti», «Capitolo 1234 – Manutenzione».")
    importo: str | None = Field(None, description="L'importo come scritto nel piano, es. «12.000,00 €».")
    note: Riga | None = None


class Struttura(Nodo):
    id: Slug
    tipo: TipoStruttura
    nome: str
    sigla: str | None = None
    parte_di: Slug | None = Field(None, description="L'id della struttura che la contiene.")
    dirigente: Incarico | None = None
    responsabile: Incarico | None = Field(None, description="Responsabile di P.O./E.Q. o di servizio.")
    assessore: str | None = None
    descrizione: Testo | None = None
    # Art. 13 d.lgs. 33/2013 as ANAC's publication scheme spells it (delibera 495/2024): what the office
    # does and how to reach it. All optional: a plan that does not state them leaves them out.
    competenze: Riga | None = Field(None, description="Le competenze dell'ufficio (art. 13 d.lgs. 33/2013), in breve.")
    telefono: str | None = Field(None, description="Il telefono dell'ufficio.")
    email: str | None = Field(None, description="La casella di posta elettronica dell'ufficio.")
    pec: str | None = Field(None, description="La casella di posta elettronica certificata dell'ufficio.")
    centro_di_costo: str | None = Field(None, description="Il codice del centro di costo o di responsabilità.")
    # The resources the plan assigns to the unit (a cost centre's staff, equipment and budget).
    personale: list[PersonaleStruttura] = Field(default_factory=list, description="Il personale per categoria.")
    dotazioni: list[Dotazione] = Field(default_factory=list, description="Le dotazioni strumentali.")
    risorse_finanziarie: list[RisorsaFinanziaria] = Field(default_factory=list,
                                                          description="Le risorse finanziarie assegnate.")
