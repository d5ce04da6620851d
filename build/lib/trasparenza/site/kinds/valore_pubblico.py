"""Public value: the plan's addresses and strategic objectives, on one page (each objective an anchor)."""

from __future__ import annotations

from trasparenza.italian import quantity
from trasparenza.site.kinds import Kind


def _present(plan) -> bool:
    return bool(plan.valore_pubblico.indirizzi or plan.valore_pubblico.introduzione)


def _addresses(pp) -> None:
    if _present(pp.plan):
        src = pp.links[("valore_pubblico", "")] = pp.src("valore_pubblico")
        for _, strategico in pp.plan.obiettivi_strategici():
            pp.links[("obiettivo_strategico", strategico.id)] = src + "#" + strategico.id


def _make(pp) -> None:
    if _present(pp.plan):
        pp.add("valore_pubblico", pp.src("valore_pubblico"), "Valore pubblico", True,
               "Indirizzi e obiettivi strategici di valore pubblico.", [pp.home])


def _label(plan) -> str:
    return f"Valore pubblico: {quantity(len(plan.obiettivi_strategici()), 'obiettivo strategico', 'obiettivi strategici')}"


KINDS = [Kind("valore_pubblico", "plan", 60, "valore-pubblico/index.md", _addresses, _make,
              datasets=("obiettivi-strategici",), piano_tipo="2.1", link="valore_pubblico", label=_label)]
