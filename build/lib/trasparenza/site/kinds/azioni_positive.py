"""The plan of positive actions: its page and a page per action (followed through the plan years)."""

from __future__ import annotations

from trasparenza.italian import quantity
from trasparenza.render.text import plain
from trasparenza.site.kinds import Kind


def _addresses(pp) -> None:
    if pp.plan.azioni_positive:
        pp.links[("azioni_positive", "")] = pp.src("azioni_positive")
        for _, azione in pp.plan.azioni_positive_tutte():
            pp.links[("azione_positiva", azione.id)] = pp.src("azione_positiva", azione.id)


def _make_index(pp) -> None:
    piano_ap = pp.plan.azioni_positive
    if piano_ap:
        pp.add("azioni_positive", pp.src("azioni_positive"), piano_ap.titolo, True, piano_ap.titolo, [pp.home],
               piano_ap=piano_ap)


def _make(pp) -> None:
    if not pp.plan.azioni_positive:
        return
    crumbs = [pp.home, ("Azioni positive", pp.src("azioni_positive"))]
    for area, azione in pp.plan.azioni_positive_tutte():
        title = f"{azione.codice}: {plain(azione.titolo)}" if azione.codice else azione.titolo
        pp.add("azione_positiva", pp.links[("azione_positiva", azione.id)], title, False,
               azione.descrizione or azione.titolo, crumbs, area=area, azione=azione)


def _search_text(context: dict) -> list:
    azione, area = context["azione"], context["area"]
    return [azione.codice, area.titolo, azione.obiettivo_specifico, azione.destinatari, azione.descrizione,
            [i.descrizione for i in azione.indicatori]]


def _label(plan) -> str:
    return f"{plain(plan.azioni_positive.titolo)}: {quantity(len(plan.azioni_positive_tutte()), 'azione', 'azioni')}"


KINDS = [
    Kind("azioni_positive", "plan", 80, "azioni-positive/index.md", _addresses, _make_index,
         datasets=("azioni-positive",), piano_tipo="2.2", link="azioni_positive", label=_label),
    Kind("azione_positiva", "plan", 90, "azioni-positive/{id}.md", None, _make, search="item",
         search_text=_search_text, datasets=("azioni-positive",), follows="azione"),
]
