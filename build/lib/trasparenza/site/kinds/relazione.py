"""The Relazione sulla performance of each year (or its interim monitoring, while the year runs)."""

from __future__ import annotations

from trasparenza.analysis import results
from trasparenza.render.text import plain
from trasparenza.site.kinds import Kind


def _addresses(pp) -> None:
    for periodo in pp.index.periodi:
        pp.links[("relazione", str(periodo.anno))] = pp.src("relazione", periodo.segmento)


def _make(pp) -> None:
    plan, index = pp.plan, pp.index
    for periodo in index.periodi:
        anno = periodo.anno
        pp.add("relazione", pp.links[("relazione", str(anno))], periodo.titolo, True,
               f"I risultati {anno} degli obiettivi del {plain(plan.piano.titolo)}, per struttura e obiettivo"
               + ("." if periodo.finale else f", dalle rilevazioni intermedie fino al {periodo.ultima:%d/%m/%Y}."),
               [pp.home], relazione=results.relazione(plan, index.strutture, anno, index.obiettivi_eliminati(),
                                                      index.fasi_eliminate))


KINDS = [Kind("relazione", "plan", 120, "{id}/index.md", _addresses, _make, search="list",
              datasets=("indicatori", "obiettivi", "fasi"))]
