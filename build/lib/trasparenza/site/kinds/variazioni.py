"""The changes made to the plan during the year, act by act."""

from __future__ import annotations

from trasparenza.site.kinds import Kind


def _addresses(pp) -> None:
    if pp.plan.variazioni:
        pp.links[("variazioni", "")] = pp.src("variazioni")


def _make(pp) -> None:
    variazioni = pp.plan.variazioni
    if variazioni:
        pp.add("variazioni", pp.src("variazioni"), variazioni.titolo, True, variazioni.titolo, [pp.home],
               variazioni=variazioni)


KINDS = [Kind("variazioni", "plan", 130, "variazioni/index.md", _addresses, _make, search="list",
              datasets=("variazioni",))]
