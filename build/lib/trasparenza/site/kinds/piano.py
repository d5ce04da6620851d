"""A plan's home page: its contents by Piano tipo section."""

from __future__ import annotations

from trasparenza.render.text import plain
from trasparenza.site import piano_tipo
from trasparenza.site.kinds import Kind


def _addresses(pp) -> None:
    pp.links[("home", "")] = pp.src("piano")


def _make(pp) -> None:
    plan, piano = pp.plan, pp.plan.piano
    parti, altre = piano_tipo.struttura(plan, pp.links)
    pp.add("piano", pp.src("piano"), piano.titolo, True,
           f"{plain(piano.titolo)} {plan.ente.di_nome}: obiettivi, strutture, azioni e documenti.", [],
           parti=parti, altre_sezioni=altre, voci_piano=piano_tipo.voci(parti))


KINDS = [Kind("piano", "plan", 10, "index.md", _addresses, _make, link="home",
              datasets=("obiettivi", "fasi", "indicatori", "strutture", "risorse-strutture", "obiettivi-strategici",
                        "azioni-positive", "azioni-miglioramento", "variazioni"))]
