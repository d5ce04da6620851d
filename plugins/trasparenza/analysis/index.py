"""Lookups and reverse links of one plan, computed once so templates only read.

Objectives per unit, actions per objective and back, variations per element, results and charts at
the monitoring dates: the page templates ask this object and never compute (render/charts.py draws).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from trasparenza.analysis import results
from trasparenza.analysis.rischi import MappaRischi
from trasparenza.model import Piao
from trasparenza.analysis.targets import MESI, percentuale


# Up to this many objectives, the objectives' index lists them all and one page prints the whole plan;
# beyond, both point to the units' pages (a page that grows with the plan slows every build as N²).
ELENCO_COMPLETO_FINO_A = 300


@dataclass(frozen=True)
class Ruoli:
    dirigente: object
    responsabile: object
    assessore: str | None


class Index:
    """Lookups and reverse links, computed once so templates only read."""

    def __init__(self, plan: Piao):
        self.plan = plan
        self.anno = plan.piano.anno_unico  # completes deadlines written without a year («entro il 30/06»)
        self.strutture = {s.id: s for s in plan.strutture}
        self.figlie = defaultdict(list)
        for s in plan.strutture:
            if s.parte_di:
                self.figlie[s.parte_di].append(s)
        self.obiettivi = {o.id: o for o in plan.obiettivi}
        self.obiettivi_per_struttura = defaultdict(list)
        self.obiettivi_coinvolti = defaultdict(list)
        self.obiettivi_per_strategico = defaultdict(list)
        self._posizione = {}
        for o in plan.obiettivi:
            self._posizione[o.id] = len(self.obiettivi_per_struttura[o.struttura])
            self.obiettivi_per_struttura[o.struttura].append(o)
            for other in o.strutture_coinvolte:
                self.obiettivi_coinvolti[other].append(o)
            if o.obiettivo_strategico:
                self.obiettivi_per_strategico[o.obiettivo_strategico].append(o)
        self.strategici = {os.id: (ind, os) for ind, os in plan.obiettivi_strategici()}
        self.azioni = {azione.id: (area, azione) for area, azione in plan.azioni_positive_tutte()}
        # A link may be declared on either side; both pages show it.
        self.azioni_per_obiettivo = defaultdict(list)
        self.obiettivi_per_azione = defaultdict(list)
        for o in plan.obiettivi:
            for azione_id in o.azioni_positive:
                self._link(o, self.azioni[azione_id][1])
        for _, azione in plan.azioni_positive_tutte():
            for obiettivo_id in azione.obiettivi:
                self._link(self.obiettivi[obiettivo_id], azione)
        # Variations: (act, change) per objective, and per element of an objective.
        self.variazioni_per_obiettivo = defaultdict(list)
        self._variazioni_elemento = defaultdict(list)
        if plan.variazioni:
            for atto in plan.variazioni.atti:
                for modifica in atto.modifiche:
                    self.variazioni_per_obiettivo[modifica.obiettivo].append((atto, modifica))
                    key = (modifica.obiettivo, modifica.elemento, modifica.riferimento)
                    self._variazioni_elemento[key].append((atto, modifica))
        self.monitoraggio = results.has_monitoring(plan)
        # A Relazione sulla performance (or an interim monitoring report) per year with rilevazioni.
        self.periodi = results.monitoring_periods(plan)
        self.miglioramento_per_strategico = defaultdict(list)
        if plan.azioni_miglioramento:
            for azione in plan.azioni_miglioramento.azioni:
                self.miglioramento_per_strategico[azione.obiettivo_valore_pubblico].append(azione)
        self._nomi_azioni = _distinct_names(plan.azioni_miglioramento.azioni if plan.azioni_miglioramento else [],
                                            lambda a: (a.obiettivo, a.area_intervento,
                                                       self.strategici[a.obiettivo_valore_pubblico][1].codice))

    @functools.cached_property
    def rischi(self):
        """Sottosezione 2.3's lookups (analysis/rischi.py)."""
        return MappaRischi(self.plan)

    def nome_azione(self, azione) -> list:
        """The parts that name an improvement action apart from the others: its name alone, or with its
        objective, area and value objective's code as far as needed (real plans repeat «Benessere
        organizzativo» under each objective; one name for two places cannot be told apart)."""
        return self._nomi_azioni[azione.id]

    @property
    def elenco_completo(self) -> bool:
        """Whether the objectives' index and the print page hold every objective, or point to each unit's."""
        return len(self.plan.obiettivi) <= ELENCO_COMPLETO_FINO_A

    def vicini(self, obiettivo) -> tuple:
        """The objectives before and after this one in its unit (None at either end): what an objective's
        page links, instead of the whole unit, so that no page grows with the plan."""
        siblings = self.obiettivi_per_struttura[obiettivo.struttura]
        at = self._posizione[obiettivo.id]
        return (siblings[at - 1] if at > 0 else None, siblings[at + 1] if at + 1 < len(siblings) else None)

    def variazioni(self, obiettivo_id: str, elemento: str = "obiettivo", riferimento: str | None = None) -> list:
        """The (act, change) pairs that touched an objective as a whole, or one of its elements."""
        return self._variazioni_elemento.get((obiettivo_id, elemento, riferimento), [])

    @staticmethod
    def modifiche_per_atto(atto) -> list[tuple[str, list]]:
        """An act's changes grouped by objective, in the act's order."""
        groups: dict[str, list] = {}
        for modifica in atto.modifiche:
            groups.setdefault(modifica.obiettivo, []).append(modifica)
        return list(groups.items())

    def eliminato(self, obiettivo_id: str, elemento: str = "obiettivo", riferimento: str | None = None):
        """The (act, change) that eliminated the objective or one of its elements, or None."""
        return next(((a, m) for a, m in self.variazioni(obiettivo_id, elemento, riferimento) if m.tipo == "eliminato"),
                    None)

    def ereditato(self, struttura, field: str):
        """A role (dirigente, assessore…) of the unit or, failing that, of the unit containing it."""
        seen = set()
        while struttura is not None and struttura.id not in seen:
            seen.add(struttura.id)
            value = getattr(struttura, field)
            if value:
                return value
            struttura = self.strutture.get(struttura.parte_di) if struttura.parte_di else None
        return None

    def ruoli(self, obiettivo, struttura) -> Ruoli:
        """Who answers for an objective: its own dirigente, responsabile and assessore, failing that its
        unit's (the dirigente and the assessore also the containing unit's)."""
        return Ruoli(obiettivo.dirigente or self.ereditato(struttura, "dirigente"),
                     obiettivo.responsabile or struttura.responsabile,
                     obiettivo.assessore or self.ereditato(struttura, "assessore"))

    @staticmethod
    def colonne(items, *fields: str, presenti: tuple[str, ...] = ()) -> set[str]:
        """The optional columns a table of ``items`` shows: the ``fields`` some item fills, and the
        ``presenti`` some item has at all (a 0 or a false counts)."""
        shown = {name for name in fields if any(getattr(item, name) for item in items)}
        return shown | {name for name in presenti if any(getattr(item, name) is not None for item in items)}

    @staticmethod
    def risorse(struttura) -> list[tuple[str, str, list[str], list[list]]]:
        return _resources(struttura)

    def cronoprogramma(self, obiettivo) -> Cronoprogramma | None:
        """Periods (columns, in order of first appearance) and one row of cells per phase: the share planned
        in the period, or the plan's own mark (×, ✓) as written."""
        periods = _periods(obiettivo)
        if not periods:
            return None
        rows = []
        marks = False
        for fase in obiettivo.fasi:
            cells = {q.periodo: q for q in fase.cronoprogramma}
            marks = marks or any(q.segno for q in fase.cronoprogramma)
            rows.append((fase, [_cell(cells.get(p)) for p in periods]))
        caption = ("Cronoprogramma: periodi in cui è prevista ciascuna fase" if marks
                   else "Cronoprogramma: percentuale di ciascuna fase per periodo")
        return Cronoprogramma([period_label(p) for p in periods], rows, caption)

    def valori_per_anno(self, indicatori) -> tuple[list[str], list[tuple]] | None:
        """Past values and targets of indicators with years in columns: (headers, [(indicatore, cells)])."""
        columns: list[tuple[str, str]] = []
        for indicatore in indicatori:
            for kind, values in (("Valore", indicatore.serie), ("Target", indicatore.target)):
                for value in values:
                    if (kind, value.periodo) not in columns:
                        columns.append((kind, value.periodo))
        if not columns:
            return None
        columns.sort(key=lambda c: (c[0] == "Target", c[1]))
        rows = []
        for indicatore in indicatori:
            cells = {("Valore", v.periodo): v.valore for v in indicatore.serie}
            cells.update({("Target", v.periodo): v.valore for v in indicatore.target})
            rows.append((indicatore, [cells.get(c, "") for c in columns]))
        return [f"{kind} {period}" for kind, period in columns], rows

    def risultati(self, indicatori) -> tuple[list, list[tuple]] | None:
        """Rilevazioni of indicators with monitoring dates in columns: (dates, [(name, [Esito|None])])."""
        dates = sorted({r.data for i in indicatori for r in i.rilevazioni})
        if not dates:
            return None
        rows = []
        for indicatore in indicatori:
            by_date = {e.data: e for e in results.indicator_results(indicatore, self.anno)}
            rows.append((indicatore.nome, [by_date.get(d) for d in dates]))
        return dates, rows, any(e and e.nota for _, esiti in rows for e in esiti)

    def risultati_fasi(self, obiettivo) -> tuple[list, list[tuple]] | None:
        dates = sorted({r.data for f in obiettivo.fasi for r in f.rilevazioni})
        if not dates:
            return None
        rows = []
        for index, fase in enumerate(obiettivo.fasi, 1):
            by_date = {e.data: e for e in results.phase_results(fase, self.anno)}
            rows.append((f"Fase {fase.codice or index}", [by_date.get(d) for d in dates]))
        return dates, rows, any(e and e.nota for _, esiti in rows for e in esiti)

    def fasi_eliminate(self, obiettivo) -> frozenset:
        """The phases and indicators of an objective a variation eliminated: ("fase", codice), ("indicatore", nome)."""
        return frozenset((m.elemento, m.riferimento) for _, m in self.variazioni_per_obiettivo[obiettivo.id]
                         if m.elemento in ("fase", "indicatore") and m.tipo == "eliminato")

    def obiettivi_eliminati(self) -> set[str]:
        return {o.id for o in self.plan.obiettivi if self.eliminato(o.id)}

    def avanzamento(self, obiettivo) -> list[tuple]:
        """(date, progress %, status) at each monitoring date of an objective."""
        skip = self.fasi_eliminate(obiettivo)
        return [(d, results.progress(obiettivo, d, skip), results.objective_status(obiettivo, d, skip, self.anno))
                for d in results.monitoring_dates(obiettivo)]

    def esiti_indicatore(self, indicatore) -> list:
        """The outcome of every rilevazione of an indicator (deadlines without a year: the plan's)."""
        return results.indicator_results(indicatore, self.anno)

    def _link(self, obiettivo, azione) -> None:
        if all(a is not azione for a in self.azioni_per_obiettivo[obiettivo.id]):
            self.azioni_per_obiettivo[obiettivo.id].append(azione)
        if all(o is not obiettivo for o in self.obiettivi_per_azione[azione.id]):
            self.obiettivi_per_azione[azione.id].append(obiettivo)


def _resources(struttura) -> list[tuple[str, str, list[str], list[list]]]:
    """The resources of a unit as tables: (id, caption, column headers, rows of values as written)."""
    tables = [
        ("personale", "Personale per categoria", ["Categoria", "Profilo", "Numero", "Note"],
         [[p.categoria, p.profilo, p.numero, p.note] for p in struttura.personale]),
        ("dotazioni", "Dotazioni strumentali", ["Dotazione", "Quantità", "Note"],
         [[d.descrizione, d.quantita, d.note] for d in struttura.dotazioni]),
        ("finanziarie", "Risorse finanziarie", ["Voce", "Importo", "Note"],
         [[r.descrizione, r.importo, r.note] for r in struttura.risorse_finanziarie]),
    ]
    return [table for table in tables if table[3]]


@dataclass(frozen=True)
class Cronoprogramma:
    periodi: list[str]
    righe: list[tuple]  # (fase, [cell text per period])
    didascalia: str


def _cell(quota) -> str:
    if quota is None:
        return ""
    if quota.segno and quota.percentuale is not None:
        return f"{quota.segno} ({percentuale(quota.percentuale)})"
    return quota.segno or percentuale(quota.percentuale)


_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _periods(obiettivo) -> list[str]:
    """The periods of an objective's cronoprogramma: every month from the first to the last when the periods
    are months (a month with nothing planned stays visible as a gap), otherwise in order of first appearance."""
    periods: list[str] = []
    for fase in obiettivo.fasi:
        for quota in fase.cronoprogramma:
            if quota.periodo not in periods:
                periods.append(quota.periodo)
    months = [_MONTH.match(p) for p in periods]
    if periods and all(months):
        first, last = min(periods), max(periods)
        year, month = int(first[:4]), int(first[5:])
        periods = []
        while f"{year:04d}-{month:02d}" <= last and len(periods) < 240:
            periods.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return periods


def period_label(period: str) -> str:
    """«2023-01» → «gennaio 2023»; other periods («2024», «a.s. 2019/2020») as written."""
    year, _, month = period.partition("-")
    if year.isdigit() and len(year) == 4 and month.isdigit() and 1 <= int(month) <= 12:
        return f"{MESI[int(month) - 1]} {year}"
    return period


def _key(text) -> str:
    return " ".join(str(text).split()).lower()


def _distinct_names(items, extras) -> dict:
    """Each item's name (``azione``), followed by as many of ``extras(item)`` as make it unique; an item
    still equal to another after all of them is numbered in order."""
    groups = defaultdict(list)
    for item in items:
        groups[_key(item.azione)].append(item)
    names = {}
    for group in groups.values():
        depth = 0
        more = [list(extras(item)) for item in group]
        while len(group) > 1 and depth < len(more[0]):
            keys = [tuple(_key(e) for e in m[:depth] if e) for m in more]
            if len(set(keys)) == len(keys):
                break
            depth += 1
        for item, extra in zip(group, more):
            names[item.id] = [item.azione] + [e for e in extra[:depth] if e]
        keys = [tuple(_key(p) for p in names[item.id]) for item in group]
        for number, item in enumerate(group, 1):
            if keys.count(keys[number - 1]) > 1:
                names[item.id] = names[item.id] + [f"n. {number}"]
    return names
