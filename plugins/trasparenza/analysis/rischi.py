"""Lookups of sottosezione 2.3, computed once: where each risk and process sits, which measures treat
them, which measures a unit or a performance objective carries, the status of each measure at its last
monitoring (the rules of the performance rilevazioni: nothing is assessed from an empty value), and the
counts the section's charts and tables show."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from trasparenza.analysis import results
from trasparenza.model import Piao
from trasparenza.model.rischi import SCALA_PNA

DA_RILEVARE = "non ancora rilevato"


@dataclass(frozen=True)
class StatoMisura:
    stato: str  # one of results.STATI, or DA_RILEVARE
    data: date | None = None  # the monitoring the status comes from

    @property
    def rilevato(self) -> bool:
        return self.data is not None


def stato_misura(misura, anno: int | None = None) -> StatoMisura:
    """The status at the last date some indicator of the measure was measured."""
    measured = sorted({r.data for i in misura.indicatori for r in i.rilevazioni
                       if r.raggiunto and str(r.raggiunto).strip()})
    if not measured:
        return StatoMisura(DA_RILEVARE)
    when = measured[-1]
    outcomes = [e.stato for i in misura.indicatori for e in results.indicator_results(i, anno) if e.data == when]
    waiting = any(not any(r.data == when and r.raggiunto for r in i.rilevazioni) for i in misura.indicatori)
    assessed = [s for s in outcomes if s != results.NON_VALUTABILE]
    if not assessed:
        stato = results.NON_VALUTABILE
    elif all(s == results.RAGGIUNTO for s in assessed):
        final = results.is_final(when)
        stato = results.IN_CORSO if not final and (waiting or len(assessed) < len(outcomes)) else results.RAGGIUNTO
    elif any(s == results.IN_CORSO for s in assessed):
        stato = results.IN_CORSO
    elif any(s in (results.RAGGIUNTO, results.PARZIALE) for s in assessed):
        stato = results.PARZIALE
    else:
        stato = results.NON_RAGGIUNTO
    return StatoMisura(stato, when)


class MappaRischi:
    """Every reverse link of 2.3, for templates that only read."""

    def __init__(self, plan: Piao):
        self.plan = plan
        self.scala = list(plan.rischi.scala) if plan.rischi else list(SCALA_PNA)
        self.indicatori = list(plan.rischi.indicatori) if plan.rischi else []
        self.processi = {p.id: (area, p) for area, p in plan.processi()}
        self.rischi = {r.id: (area, p, r) for area, p, r in plan.rischi_tutti()}
        self.misure = {m.id: m for m in plan.misure_tutte()}
        self.misure_per_rischio = defaultdict(list)
        self.misure_per_processo = defaultdict(list)
        self.misure_per_obiettivo = defaultdict(list)
        self.misure_per_struttura = defaultdict(list)
        self.processi_per_struttura = defaultdict(list)
        self.obblighi_per_voce = defaultdict(list)
        for area, processo in plan.processi():
            self.processi_per_struttura[processo.struttura].append(processo)
        for misura in plan.misure_tutte():
            for rischio in misura.rischi:
                self.misure_per_rischio[rischio].append(misura)
            for processo in self.processi_di(misura):
                self.misure_per_processo[processo.id].append(misura)
            for obiettivo in misura.obiettivi:
                self.misure_per_obiettivo[obiettivo].append(misura)
            if misura.struttura:
                self.misure_per_struttura[misura.struttura].append(misura)
        for obbligo in plan.obblighi.obblighi if plan.obblighi else []:
            if obbligo.voce:
                self.obblighi_per_voce[obbligo.voce].append(obbligo)
        anno = plan.piano.anno_unico
        self.stati = {m.id: stato_misura(m, anno) for m in plan.misure_tutte()}

    def processi_di(self, misura) -> list:
        """The processes a measure applies to: those of its risks, then those it names, each once."""
        found = {}
        for rischio in misura.rischi:
            if rischio in self.rischi:
                _, processo, _ = self.rischi[rischio]
                found.setdefault(processo.id, processo)
        for processo in misura.processi:
            if processo in self.processi:
                found.setdefault(processo, self.processi[processo][1])
        return list(found.values())

    def processi_nominati(self, misura) -> list:
        """The processes a measure names that none of its risks belongs to."""
        of_risks = {self.rischi[r][1].id for r in misura.rischi if r in self.rischi}
        return [self.processi[p][1] for p in dict.fromkeys(misura.processi) if p in self.processi and p not in of_risks]

    def livello(self, giudizio: str | None) -> int | None:
        """The position of a level in the plan's scale, 0 the lowest (for the level's mark and for sorting)."""
        return self.scala.index(giudizio) if giudizio in self.scala else None

    def livelli_per_area(self) -> list[tuple]:
        """(area, [count of risks per level of the scale], risks without a level), in the data's order."""
        rows = []
        for area in self.plan.aree_rischio:
            counts = [0] * len(self.scala)
            unrated = 0
            for processo in area.processi:
                for rischio in processo.rischi:
                    level = self.livello(rischio.giudizio)
                    if level is None:
                        unrated += 1
                    else:
                        counts[level] += 1
            rows.append((area, counts, unrated))
        return rows

    def obblighi_per_sezione(self) -> list[tuple[str, list]]:
        """The obligations grouped by their first-level section, in the order the plan writes them."""
        groups: dict[str, list] = {}
        for obbligo in self.plan.obblighi.obblighi if self.plan.obblighi else []:
            groups.setdefault(obbligo.sezione, []).append(obbligo)
        return list(groups.items())

    def misure_per_stato(self) -> list[tuple[str, int]]:
        """How many measures are in each status (those with none left out)."""
        order = (*results.STATI, DA_RILEVARE)
        counted = [(stato, sum(1 for s in self.stati.values() if s.stato == stato)) for stato in order]
        return [(stato, count) for stato, count in counted if count]
