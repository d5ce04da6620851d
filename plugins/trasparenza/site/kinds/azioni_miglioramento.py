"""The improvement actions (from organisational well-being surveys): their page and a page per action."""

from __future__ import annotations

from trasparenza.italian import quantity
from trasparenza.render.text import plain
from trasparenza.site.kinds import Kind


def _addresses(pp) -> None:
    if pp.plan.azioni_miglioramento:
        pp.links[("azioni_miglioramento", "")] = pp.src("azioni_miglioramento")
        for azione in pp.plan.azioni_miglioramento.azioni:
            pp.links[("azione_miglioramento", azione.id)] = pp.src("azione_miglioramento", azione.id)


def _make_index(pp) -> None:
    am = pp.plan.azioni_miglioramento
    if am:
        pp.add("azioni_miglioramento", pp.src("azioni_miglioramento"), am.titolo, True, am.titolo, [pp.home],
               documento=am)


def _make(pp) -> None:
    am = pp.plan.azioni_miglioramento
    if not am:
        return
    crumbs = [pp.home, ("Azioni di miglioramento", pp.src("azioni_miglioramento"))]
    for azione in am.azioni:
        ovp = pp.index.strategici[azione.obiettivo_valore_pubblico][1]
        # Its name as the links say it (distinct from the other actions'), then what they leave out.
        parts = pp.index.nome_azione(azione)
        parts = parts + [t for t in (azione.obiettivo, ovp.codice) if t and t not in parts]
        title = " – ".join(plain(t) for t in parts)
        pp.add("azione_miglioramento", pp.links[("azione_miglioramento", azione.id)], title, False,
               azione.obiettivo or azione.azione, crumbs, azione=azione)


def _search_text(context: dict) -> list:
    azione = context["azione"]
    return [azione.area_intervento, azione.obiettivo, azione.target, azione.formula]


def _label(plan) -> str:
    am = plan.azioni_miglioramento
    return f"{plain(am.titolo)}: {quantity(len(am.azioni), 'azione', 'azioni')}"


KINDS = [
    Kind("azioni_miglioramento", "plan", 100, "azioni-miglioramento/index.md", _addresses, _make_index,
         datasets=("azioni-miglioramento",), piano_tipo="2.2", link="azioni_miglioramento", label=_label),
    Kind("azione_miglioramento", "plan", 110, "azioni-miglioramento/{id}.md", None, _make, search="item",
         search_text=_search_text, datasets=("azioni-miglioramento",)),
]
