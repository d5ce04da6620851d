"""The plan's measures for full physical and digital accessibility."""

from __future__ import annotations

from trasparenza.site.kinds import Kind


def _addresses(pp) -> None:
    if pp.plan.accessibilita:
        pp.links[("accessibilita", "")] = pp.src("accessibilita_azioni")


def _make(pp) -> None:
    if pp.plan.accessibilita:
        pp.add("accessibilita_azioni", pp.src("accessibilita_azioni"), "Accessibilità fisica e digitale", True,
               "Modalità e azioni per la piena accessibilità, fisica e digitale.", [pp.home],
               accessibilita=pp.plan.accessibilita)


def _label(plan) -> str:
    return plan.accessibilita.titolo  # a prose line: shown through | inline


KINDS = [Kind("accessibilita_azioni", "plan", 70, "accessibilita/index.md", _addresses, _make, piano_tipo="2.1",
              link="accessibilita", label=_label)]
