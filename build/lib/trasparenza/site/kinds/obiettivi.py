"""The plan's objectives: their index and a page each (followed through the plan years)."""

from __future__ import annotations

from trasparenza.italian import quantity
from trasparenza.render.text import plain
from trasparenza.site.kinds import Kind


def _addresses(pp) -> None:
    if pp.plan.obiettivi:
        pp.links[("sezione_obiettivi", "")] = pp.src("obiettivi")
    for obiettivo in pp.plan.obiettivi:
        pp.links[("obiettivo", obiettivo.id)] = pp.src("obiettivo", obiettivo.id)


def _make_index(pp) -> None:
    piano = pp.plan.piano
    if pp.plan.obiettivi:
        pp.add("obiettivi", pp.src("obiettivi"), piano.nome_obiettivi, True,
               f"{piano.nome_obiettivi} del {plain(piano.titolo)}.", [pp.home])


def _make(pp) -> None:
    objectives_index = ("Obiettivi", pp.src("obiettivi"))
    for obiettivo in pp.plan.obiettivi:
        unit = pp.index.strutture[obiettivo.struttura]
        crumbs = [pp.home, objectives_index, (unit.nome, pp.links[("struttura", unit.id)])]
        title = f"Obiettivo {obiettivo.codice}: {plain(obiettivo.titolo)}" if obiettivo.codice else obiettivo.titolo
        pp.add("obiettivo", pp.links[("obiettivo", obiettivo.id)], title, False,
               obiettivo.finalita or obiettivo.descrizione or obiettivo.titolo, crumbs,
               obiettivo=obiettivo, struttura=unit)


def _search_text(context: dict) -> list:
    obiettivo, struttura, index = context["obiettivo"], context["struttura"], context["index"]
    dirigente = index.ruoli(obiettivo, struttura).dirigente
    return [struttura.nome, dirigente.nome if dirigente else None, obiettivo.servizio,
            [i.nome for i in obiettivo.indicatori if i.nome],
            obiettivo.finalita, obiettivo.descrizione, obiettivo.risultato_atteso,
            [f.descrizione for f in obiettivo.fasi if f.descrizione]]


def _label(plan) -> str:
    return f"{plan.piano.nome_obiettivi}: {quantity(len(plan.obiettivi), 'obiettivo', 'obiettivi')}"


KINDS = [
    Kind("obiettivi", "plan", 20, "obiettivi/index.md", _addresses, _make_index, search="list",
         datasets=("obiettivi", "fasi", "indicatori"), piano_tipo="2.2", link="sezione_obiettivi", label=_label),
    Kind("obiettivo", "plan", 50, "obiettivi/{id}.md", None, _make, search="item", search_text=_search_text,
         datasets=("obiettivi", "fasi", "indicatori"), follows="obiettivo"),
]
