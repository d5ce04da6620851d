"""Results against targets: the status of every rilevazione, the progress of objectives, units, the ente.

A rilevazione (monitoring at a date, typically 31 July and 31 December) compares what was reached with
the target of its period: the rilevazione's own «atteso», or the indicator's target for that year, or
its «valore_atteso». The status is one of STATI; progress is computed only where the plan gives the
weights (incidenza of the phases, peso of the objectives), and the page says how (METODO).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from trasparenza.model import Fase, Indicatore, Obiettivo, Piao
from trasparenza.analysis.targets import Target, Valore, as_date, parse_target, parse_value
from trasparenza.italian import number, quantity

RAGGIUNTO = "raggiunto"
PARZIALE = "parzialmente raggiunto"
NON_RAGGIUNTO = "non raggiunto"
IN_CORSO = "in corso"
NON_VALUTABILE = "non valutabile"
STATI = (RAGGIUNTO, PARZIALE, NON_RAGGIUNTO, IN_CORSO, NON_VALUTABILE)
# A symbol beside the word (never colour alone): ✓ reached, ◐ partly, ✗ not, … in progress, – not assessable.
SIMBOLI = {RAGGIUNTO: "✓", PARZIALE: "◐", NON_RAGGIUNTO: "✗", IN_CORSO: "…", NON_VALUTABILE: "–"}
SOGLIA_PARZIALE = 0.5

METODO = (
    "Un risultato è «raggiunto» quando il valore rilevato rispetta il target (per una scadenza: quando l'attività è "
    "conclusa entro la data); «parzialmente raggiunto» quando, alla rilevazione di fine anno, arriva almeno alla "
    "metà del target; «non raggiunto» sotto la metà o a scadenza superata; «in corso» a una rilevazione "
    "intermedia che non lo rispetta ancora; «non valutabile» quando il target o il valore sono un testo che non "
    "si può confrontare. Lo scostamento è la differenza tra il valore rilevato e il target. L'avanzamento di un "
    "obiettivo è la somma delle percentuali raggiunte dalle sue fasi, ciascuna ponderata con la sua incidenza; "
    "quello di una struttura e dell'ente è la media degli avanzamenti degli obiettivi ponderata con il loro peso "
    "(media semplice se i pesi mancano), calcolata sugli obiettivi il cui avanzamento si può calcolare; gli "
    "obiettivi che il piano non pesa («X», propedeutici, non pesati) ne restano fuori. Un'attività "
    "conclusa dopo la scadenza è «parzialmente raggiunta»; le fasi, gli indicatori e gli obiettivi eliminati da una "
    "variazione non sono valutati."
)


@dataclass(frozen=True)
class Esito:
    """The outcome of one rilevazione: what was compared, the gap, the status and why."""

    data: date
    target: Target
    valore: Valore
    stato: str
    scostamento: str = ""
    finale: bool = False
    nota: str = ""
    spiegazione: str = ""  # how a target was read, when the page must say it («l'anno è quello del piano»)

    @property
    def simbolo(self) -> str:
        return SIMBOLI[self.stato]


def is_final(when: date) -> bool:
    """The year-end rilevazione (31 December) is the final one; the others are intermediate."""
    return when.month == 12 and when.day == 31


def verso(indicatore: Indicatore | None, text: str | None = None) -> str:
    """A bare quantity as target: at most that much for time and cost indicators («30 giorni»,
    «12.000 €»), at least otherwise; a percentage («100%» of phases on time) is always at least."""
    if indicatore is None or indicatore.tipo not in ("tempo", "costo") or (text and "%" in str(text)):
        return ">="
    return "<="


def target_for(indicatore: Indicatore, when: date, atteso: str | None = None, anno: int | None = None) -> Target:
    """The target a rilevazione is compared with: its own «atteso», the target of its year, «valore_atteso».
    ``anno`` completes a deadline written without its year (the plan's year for an annual plan; otherwise the
    year of the rilevazione)."""
    text = atteso
    if not text:
        text = next((t.valore for t in indicatore.target if str(when.year) in t.periodo.split("/")
                     or t.periodo.strip() == str(when.year)), None)
    if not text:
        text = indicatore.valore_atteso
    return parse_target(text, verso(indicatore, text), anno or when.year)


def evaluate(target: Target, valore: Valore, when: date, final: bool | None = None, anno: int | None = None) -> Esito:
    final = is_final(when) if final is None else final
    explanation = ""
    if target.tipo == "scadenza":
        year = anno or when.year
        valore = as_date(valore, year)
        deadline = target.scadenza_nel(year)
        if target.anno_dedotto and deadline:
            explanation = (f"scadenza intesa al {deadline:%d/%m/%Y}: l'anno è quello "
                           + ("del piano" if anno else "della rilevazione"))
    stato, gap = _status(target, valore, when, final, anno)
    return Esito(when, target, valore, stato, gap, final, spiegazione=explanation)


def _status(target: Target, valore: Valore, when: date, final: bool, anno: int | None = None) -> tuple[str, str]:
    if target.tipo == "testo" or not valore.rilevato:
        return NON_VALUTABILE, ""
    if target.tipo == "scadenza":
        deadline = target.scadenza_nel(anno or when.year)
        if deadline is None:
            return NON_VALUTABILE, ""
        if valore.data is not None:
            late = (valore.data - deadline).days
            return (RAGGIUNTO, "") if late <= 0 else (PARZIALE, quantity(late, "giorno", "giorni") + " dopo la scadenza")
        if valore.si:  # «Sì»: done, on time if measured by the deadline; the date is not given
            return (RAGGIUNTO, "") if when <= deadline else (NON_VALUTABILE, "concluso, data non indicata")
        if valore.si is False:  # «No»: not done yet
            return (IN_CORSO, "") if when < deadline else (NON_RAGGIUNTO, "")
        return NON_VALUTABILE, ""
    if target.tipo == "si_no":
        if valore.si is None:
            return NON_VALUTABILE, ""
        if valore.si == target.si:
            return RAGGIUNTO, ""
        return (NON_RAGGIUNTO, "") if final else (IN_CORSO, "")
    # A comparison with a quantity.
    amount, measured = target.quantita, valore.quantita
    if measured is None or (amount.divisore is None) != (measured.divisore is None):
        return NON_VALUTABILE, ""  # a pair («4.000 / 8») compares only with a pair
    t, v = amount.confrontabile, measured.confrontabile
    gap = _gap(v - t, (amount.percentuale or measured.percentuale) and not amount.divisore,
               amount.unita if not amount.divisore else "")
    if _holds(v, target.operatore, t):
        return RAGGIUNTO, gap
    if not final:
        return IN_CORSO, gap
    if target.operatore in (">=", ">") and t > 0 and v / t >= SOGLIA_PARZIALE:
        return PARZIALE, gap
    if target.operatore in ("<=", "<") and v > 0 and t / v >= SOGLIA_PARZIALE:
        return PARZIALE, gap
    return NON_RAGGIUNTO, gap


def _holds(v: float, operator: str, t: float) -> bool:
    return {">=": v >= t, ">": v > t, "<=": v <= t, "<": v < t, "=": abs(v - t) < 1e-9}[operator]


def _gap(difference: float, points: bool, unit: str) -> str:
    sign = "+" if difference > 0 else ("−" if difference < 0 else "")
    amount = round(abs(difference), 2)
    shown = number(amount)
    if points:
        return sign + quantity(amount, "punto percentuale", "punti percentuali", shown)
    suffix = f" {unit}" if unit and not unit.startswith(("/", "su ")) else ""
    return f"{sign}{shown}{suffix}"


def indicator_results(indicatore: Indicatore, anno: int | None = None) -> list[Esito]:
    """``anno``: the plan's year when the plan is annual (Piano.anno_unico), for deadlines without a year."""
    return [_as_written(evaluate(target_for(indicatore, r.data, r.atteso, anno),
                                 parse_value(r.raggiunto, anno or r.data.year), r.data, r.finale, anno), r)
            for r in indicatore.rilevazioni]


def phase_results(fase: Fase, anno: int | None = None) -> list[Esito]:
    """A phase's rilevazioni: the share of the phase done («% target» against «% raggiunto»)."""
    return [_as_written(evaluate(parse_target(r.atteso, ">=", anno or r.data.year),
                                 parse_value(r.raggiunto, anno or r.data.year), r.data, r.finale, anno), r)
            for r in fase.rilevazioni]


def _as_written(esito: Esito, rilevazione) -> Esito:
    """A scostamento the document writes is shown as written; the rilevazione's note goes with it."""
    return replace(esito, scostamento=rilevazione.scostamento or esito.scostamento, nota=rilevazione.note or "")


def monitoring_dates(obiettivo: Obiettivo) -> list[date]:
    """The dates at which something was measured (a rilevazione with only its target is a plan, not a result)."""
    dates = {r.data for i in obiettivo.tutti_gli_indicatori() for r in i.rilevazioni if _measured(r)}
    dates |= {r.data for f in obiettivo.fasi for r in f.rilevazioni if _measured(r)}
    return sorted(dates)


def _final_at(obiettivo: Obiettivo, when: date) -> bool:
    """A rilevazione marked «finale» at that date, or the year end."""
    flags = [r.finale for i in obiettivo.tutti_gli_indicatori() for r in i.rilevazioni if r.data == when]
    flags += [r.finale for f in obiettivo.fasi for r in f.rilevazioni if r.data == when]
    return any(flags) if any(flag is not None for flag in flags) else is_final(when)


def _unmeasured(obiettivo: Obiettivo, when: date, eliminate: frozenset) -> bool:
    """Whether a phase or an indicator of the objective has no value measured at the date."""
    elements = [f for f in obiettivo.fasi if ("fase", f.codice) not in eliminate]
    elements += [i for i in obiettivo.tutti_gli_indicatori() if ("indicatore", i.nome) not in eliminate]
    return any(not any(r.data == when and _measured(r) for r in element.rilevazioni) for element in elements)


def _measured(rilevazione) -> bool:
    return bool(rilevazione.raggiunto and str(rilevazione.raggiunto).strip())


def progress(obiettivo: Obiettivo, when: date, eliminate: frozenset = frozenset()) -> float | None:
    """Share of the objective done at a date (0-100): phases' «raggiunto» weighted by their incidenza.
    Phases a variation eliminated (``("fase", codice)`` in ``eliminate``) do not count. None unless every
    weighted phase has a numeric value at that date."""
    weighted = [f for f in obiettivo.fasi if f.incidenza is not None and ("fase", f.codice) not in eliminate]
    if not weighted or not sum(f.incidenza for f in weighted):
        return None
    total = 0.0
    for fase in weighted:
        value = next((parse_value(r.raggiunto).quantita for r in fase.rilevazioni if r.data == when), None)
        if value is None:
            return None
        total += fase.incidenza * min(max(value.confrontabile, 0.0), 100.0) / 100
    return total * 100 / sum(f.incidenza for f in weighted)


def weighted_mean(items: list[tuple[float | None, float]]) -> float | None:
    """Mean of (progress, weight) pairs, weighted when every weight is known."""
    known = [(value, weight) for value, weight in items if value is not None]
    if not known:
        return None
    if all(weight for _, weight in known):
        return sum(v * w for v, w in known) / sum(w for _, w in known)
    return sum(v for v, _ in known) / len(known)


def objective_status(obiettivo: Obiettivo, when: date, eliminate: frozenset = frozenset(),
                     anno: int | None = None) -> str:
    """The status of an objective at a date: from its progress if computable, otherwise its indicators'."""
    value = progress(obiettivo, when, eliminate)
    if value is not None:
        if value >= 100 - 1e-9:
            return RAGGIUNTO
        if not _final_at(obiettivo, when):
            return IN_CORSO
        return PARZIALE if value >= SOGLIA_PARZIALE * 100 else NON_RAGGIUNTO
    outcomes = [e.stato for i in obiettivo.tutti_gli_indicatori() if ("indicatore", i.nome) not in eliminate
                for e in indicator_results(i, anno) if e.data == when]
    outcomes += [e.stato for f in obiettivo.fasi if ("fase", f.codice) not in eliminate
                 for e in phase_results(f, anno) if e.data == when]
    assessed = [s for s in outcomes if s != NON_VALUTABILE]
    if not assessed:
        return NON_VALUTABILE
    if all(s == RAGGIUNTO for s in assessed):
        # At an interim date, what was reached so far is not the objective reached while phases or
        # indicators wait for their measurement (or cannot be assessed).
        if not _final_at(obiettivo, when) and (len(assessed) < len(outcomes) or _unmeasured(obiettivo, when, eliminate)):
            return IN_CORSO
        return RAGGIUNTO
    if any(s == IN_CORSO for s in assessed):
        return IN_CORSO
    if any(s in (RAGGIUNTO, PARZIALE) for s in assessed):
        return PARZIALE
    return NON_RAGGIUNTO


def has_monitoring(plan: Piao) -> bool:
    return any(monitoring_dates(o) for o in plan.obiettivi)


@dataclass
class RigaObiettivo:
    obiettivo: Obiettivo
    data: date | None  # the last rilevazione of the year
    avanzamento: float | None
    stato: str
    note: list[str]  # what the data says about results not reached


@dataclass(frozen=True)
class Periodo:
    """A year with rilevazioni: the last date measured, and whether any of them is a year-end (final) one.
    Only final rilevazioni make a Relazione sulla performance; interim ones are a monitoring report."""

    anno: int
    ultima: date
    finale: bool

    @property
    def titolo(self) -> str:
        if self.finale:
            return f"Relazione sulla performance {self.anno}"
        return f"Monitoraggio intermedio al {self.ultima:%d/%m/%Y}"

    @property
    def segmento(self) -> str:
        """The page's folder: relazione-2024, or monitoraggio-2024 for an interim report."""
        return f"relazione-{self.anno}" if self.finale else f"monitoraggio-{self.anno}"


def monitoring_periods(plan: Piao) -> list[Periodo]:
    """The years with rilevazioni, in order, each with its last date and whether it has final ones."""
    by_year: dict[int, list[tuple[date, bool]]] = {}
    for obiettivo in plan.obiettivi:
        for when in monitoring_dates(obiettivo):
            by_year.setdefault(when.year, []).append((when, _final_at(obiettivo, when)))
    return [Periodo(year, max(d for d, _ in found), any(final for _, final in found))
            for year, found in sorted(by_year.items())]


@dataclass
class Relazione:
    """The Relazione sulla performance of one year (or, from interim rilevazioni only, a monitoring report):
    results per unit and objective."""

    anno: int
    per_struttura: list[tuple[object, list[RigaObiettivo], float | None]]
    senza_dati: list[Obiettivo]
    ente: float | None
    eliminati: list[Obiettivo]
    periodo: Periodo | None = None
    atti: object | None = None  # the RelazionePerformance of the data: approval and validation

    @property
    def non_raggiunti(self) -> list[RigaObiettivo]:
        return [r for rows in (rows for _, rows, _ in self.per_struttura) for r in rows
                if r.stato in (NON_RAGGIUNTO, PARZIALE)]

    def conteggi(self) -> list[tuple[str, int]]:
        rows = [r for _, rows, _ in self.per_struttura for r in rows]
        return [(stato, sum(1 for r in rows if r.stato == stato)) for stato in STATI]


def relazione(plan: Piao, strutture: dict, anno: int, eliminated: set[str] = frozenset(),
              eliminated_phases=lambda obiettivo: frozenset()) -> Relazione:
    """``eliminated``: ids of objectives a variation eliminated; ``eliminated_phases(obiettivo)``: the codes
    of its phases a variation eliminated."""
    by_unit: dict[str, list[RigaObiettivo]] = {}
    without: list[Obiettivo] = []
    gone = [o for o in plan.obiettivi if o.id in eliminated]
    for obiettivo in plan.obiettivi:
        if obiettivo.id in eliminated:
            continue
        dates = [d for d in monitoring_dates(obiettivo) if d.year == anno]
        if not dates:
            without.append(obiettivo)
            continue
        when = dates[-1]
        skip = eliminated_phases(obiettivo)
        row = RigaObiettivo(obiettivo, when, progress(obiettivo, when, skip),
                            objective_status(obiettivo, when, skip, plan.piano.anno_unico),
                            _notes(obiettivo, when))
        by_unit.setdefault(obiettivo.struttura, []).append(row)
    units = []
    for unit_id, rows in by_unit.items():
        units.append((strutture[unit_id], rows, weighted_mean(_weighted(rows))))
    all_rows = [r for _, rows, _ in units for r in rows]
    ente = weighted_mean(_weighted(all_rows))
    period = next((p for p in monitoring_periods(plan) if p.anno == anno), None)
    acts = next((r for r in plan.piano.relazioni if r.anno == anno), None)
    return Relazione(anno, units, without, ente, gone, period, acts)


def _weighted(rows: list[RigaObiettivo]) -> list[tuple[float | None, float]]:
    """Progress and weight of the objectives that count in a weighted mean: a prerequisite or non-weighted
    objective («X», «propedeutico») is left out, never counted with weight 0."""
    return [(r.avanzamento, r.obiettivo.peso or 0) for r in rows if r.obiettivo.peso is None or r.obiettivo.pesato]


def _notes(obiettivo: Obiettivo, when: date) -> list[str]:
    notes = [r.note for i in obiettivo.tutti_gli_indicatori() for r in i.rilevazioni if r.data == when and r.note]
    notes += [r.note for f in obiettivo.fasi for r in f.rilevazioni if r.data == when and r.note]
    return notes
