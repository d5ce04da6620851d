"""The plan's organisation: the index of its units and a page each (followed through the plan years)."""

from __future__ import annotations

from trasparenza.italian import quantity
from trasparenza.site.kinds import Kind


def _addresses(pp) -> None:
    if pp.plan.strutture:
        pp.links[("sezione_strutture", "")] = pp.src("strutture")
    for unit in pp.plan.strutture:
        pp.links[("struttura", unit.id)] = pp.src("struttura", unit.id)


def _make_index(pp) -> None:
    if pp.plan.strutture:
        pp.add("strutture", pp.src("strutture"), "Struttura organizzativa", True,
               f"Direzioni, settori e servizi {pp.plan.ente.di_nome} con i loro obiettivi.", [pp.home])


def _make(pp) -> None:
    crumbs = [pp.home, ("Strutture", pp.src("strutture"))]
    for unit in pp.plan.strutture:
        pp.add("struttura", pp.links[("struttura", unit.id)], unit.nome, False,
               f"{unit.nome}: responsabili e obiettivi.", crumbs, struttura=unit)


def _search_text(context: dict) -> list:
    struttura, index = context["struttura"], context["index"]
    parent = index.strutture[struttura.parte_di].nome if struttura.parte_di else None
    dirigente, responsabile = index.ereditato(struttura, "dirigente"), struttura.responsabile
    return [struttura.tipo, struttura.sigla, parent, dirigente.nome if dirigente else None,
            responsabile.nome if responsabile else None, struttura.assessore, struttura.competenze,
            struttura.descrizione]


def _label(plan) -> str:
    return f"Struttura organizzativa: {quantity(len(plan.strutture), 'struttura', 'strutture')} con i responsabili"


KINDS = [
    Kind("strutture", "plan", 30, "strutture/index.md", _addresses, _make_index, search="list",
         datasets=("strutture", "risorse-strutture"), piano_tipo="3.1", link="sezione_strutture", label=_label),
    Kind("struttura", "plan", 40, "strutture/{id}.md", None, _make, search="item", search_text=_search_text,
         datasets=("strutture", "risorse-strutture", "obiettivi"), follows="struttura"),
]
