"""The plan year to print or save as PDF: on one page, or (a large plan) one page per unit besides it. Left
out of the search index: they repeat the other pages."""

from __future__ import annotations

from trasparenza.model.types import slug
from trasparenza.render.text import plain
from trasparenza.site.kinds import Kind


def _by_unit(pp) -> list:
    by_unit = {unit.id: [] for unit in pp.plan.strutture}
    for obiettivo in pp.plan.obiettivi:
        by_unit[obiettivo.struttura].append(obiettivo)
    return [(unit, by_unit[unit.id]) for unit in pp.plan.strutture if by_unit[unit.id]]


def pdf_name(plan) -> str:
    """The plan's PDF, beside its pages: «piao-2025-2027-comune-di-esempio.pdf»."""
    ente = f"-{slug(plan.ente.denominazione)}" if plan.ente.denominazione else ""
    return f"{slug(plan.piano.etichetta)}{ente}.pdf"


def _addresses(pp) -> None:
    pp.links[("stampa", "")] = pp.src("stampa")
    if pp.index.elenco_completo:  # the print page is the whole plan: it is printed as the plan's PDF
        pp.links[("pdf", "")] = f"{pp.base}/{pdf_name(pp.plan)}"


def _addresses_units(pp) -> None:
    if not pp.index.elenco_completo:
        for unit, _ in _by_unit(pp):
            pp.links[("stampa_struttura", unit.id)] = pp.src("stampa_struttura", unit.id)


def _make(pp) -> None:
    titolo = plain(pp.plan.piano.titolo)
    pp.add("stampa", pp.links[("stampa", "")], f"{titolo}: versione da stampare", False,
           f"Il {titolo} in un'unica pagina, da stampare o salvare in PDF." if pp.index.elenco_completo else
           f"Il {titolo} da stampare o salvare in PDF: le sezioni, e gli obiettivi in una pagina per struttura.",
           [pp.home], per_struttura=_by_unit(pp))


def _make_units(pp) -> None:
    if pp.index.elenco_completo:
        return
    titolo = plain(pp.plan.piano.titolo)
    printed = (f"{titolo}: versione da stampare", pp.links[("stampa", "")])
    for unit, obiettivi in _by_unit(pp):
        pp.add("stampa_struttura", pp.links[("stampa_struttura", unit.id)], f"{unit.nome}: versione da stampare",
               False, f"Gli obiettivi di {unit.nome} nel {titolo}, da stampare o salvare in PDF.",
               [pp.home, printed], struttura=unit, obiettivi=obiettivi)


KINDS = [
    Kind("stampa", "plan", 150, "stampa/index.md", _addresses, _make, search="none"),
    Kind("stampa_struttura", "plan", 160, "stampa/{id}.md", _addresses_units, _make_units, search="none"),
]
