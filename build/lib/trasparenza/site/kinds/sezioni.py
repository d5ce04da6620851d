"""The plan's sections of text (each placed in the Piano tipo by site/piano_tipo.py)."""

from __future__ import annotations

from trasparenza.site.kinds import Kind


def _addresses(pp) -> None:
    for sezione in pp.plan.sezioni:
        pp.links[("sezione", sezione.id)] = pp.src("sezione", sezione.id)


def _make(pp) -> None:
    for sezione in pp.plan.sezioni:
        pp.add("sezione", pp.links[("sezione", sezione.id)], sezione.titolo, True, sezione.sommario or sezione.titolo,
               [pp.home], "Sezioni del piano", sezione=sezione)


KINDS = [Kind("sezione", "plan", 140, "{id}.md", _addresses, _make)]
