"""Charts drawn at build time as inline SVG: no charting script, nothing fetched.

Every chart has an accessible name (``<title>``), a one-sentence summary shown under it (the figure's
caption), and its data table beside it on the page (the templates put it there). Values are
written on the bars and targets are hatched, so nothing relies on colour; colours come from the
theme's variables (``trasparenza.css``), so both colour schemes keep their contrast.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from trasparenza.analysis.index import _periods as periods, period_label
from trasparenza.analysis.targets import parse_target, parse_value
from trasparenza.italian import number
from trasparenza.render.text import plain

WIDTH = 480
BAR_AREA = 140  # height of the tallest bar
TOP, BOTTOM = 24, 40  # room for the value above a bar, the label under it


@dataclass(frozen=True)
class Chart:
    svg: Markup
    titolo: str
    sintesi: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as written on the bar
    target: bool = False
    nota: str = ""  # a second label under the bar («target», «valore»)


def _number(text: str, target: bool) -> float | None:
    """A plain non-negative quantity, or None (bars start at zero: a reduction is left to the table)."""
    parsed = parse_target(text) if target else parse_value(text)
    amount = parsed.quantita
    if amount is None or amount.divisore or amount.valore < 0:
        return None
    return amount.valore


def series_chart(chart_id: str, indicatore) -> Chart | None:
    """An indicator's values in past years and its targets: one bar per period, targets hatched."""
    bars = [Bar(v.periodo, n, v.valore) for v in indicatore.serie if (n := _number(v.valore, False)) is not None]
    bars += [Bar(t.periodo, n, t.valore, True, "target") for t in indicatore.target
             if (n := _number(t.valore, True)) is not None]
    if len(bars) < 2:
        return None
    name = f"Andamento: {plain(indicatore.nome)}"
    past = [b for b in bars if not b.target]
    future = [b for b in bars if b.target]
    parts = []
    if past:
        parts.append(f"valori da {past[0].text} ({past[0].label}) a {past[-1].text} ({past[-1].label})")
    if future:
        parts.append(f"target da {future[0].text} ({future[0].label}) a {future[-1].text} ({future[-1].label})")
    summary = f"{plain(indicatore.nome)}: " + "; ".join(parts) + "."
    return Chart(_bars(chart_id, bars, name, summary), name, summary)


def results_chart(chart_id: str, indicatore, esiti) -> Chart | None:
    """Target against value at each monitoring date."""
    bars = []
    for esito in esiti:
        target = esito.target.quantita
        value = esito.valore.quantita
        if target is None or value is None or target.divisore or value.divisore or min(target.valore, value.valore) < 0:
            continue
        when = esito.data.strftime("%d/%m/%y")
        bars += [Bar(when, target.valore, esito.target.testo, True, "target"),
                 Bar(when, value.valore, esito.valore.testo, nota="valore")]
    if not bars:
        return None
    name = f"Target e valore rilevato: {plain(indicatore.nome)}"
    summary = "; ".join(f"al {e.data:%d/%m/%Y} valore {e.valore.testo} con target {e.target.testo}: {e.stato}"
                        for e in esiti if e.valore.quantita is not None) + "."
    return Chart(_bars(chart_id, bars, name, summary), name, summary)


def _bars(chart_id: str, bars: list[Bar], name: str, summary: str) -> Markup:
    top = max(b.value for b in bars) or 1
    slot = WIDTH / len(bars)
    width = min(64, slot * 0.7)
    height = TOP + BAR_AREA + BOTTOM
    out = [_open(chart_id, name, summary, WIDTH, height)]
    out.append(f'<line class="tp-asse" x1="0" y1="{TOP + BAR_AREA}" x2="{WIDTH}" y2="{TOP + BAR_AREA}"/>')
    for index, bar in enumerate(bars):
        h = max(bar.value / top * BAR_AREA, 1 if bar.value else 0)
        x = index * slot + (slot - width) / 2
        y = TOP + BAR_AREA - h
        kind = "tp-barra-target" if bar.target else "tp-barra-valore"
        fill = f' fill="url(#{chart_id}-tratteggio)"' if bar.target else ""
        out.append(f'<rect class="{kind}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}"{fill}/>')
        centre = index * slot + slot / 2
        out.append(f'<text x="{centre:.1f}" y="{y - 6:.1f}" text-anchor="middle">{escape(_short(bar.text))}</text>')
        out.append(f'<text x="{centre:.1f}" y="{TOP + BAR_AREA + 18}" text-anchor="middle">{escape(_short(bar.label))}</text>')
        if bar.nota:
            out.append(f'<text x="{centre:.1f}" y="{TOP + BAR_AREA + 34}" text-anchor="middle">{bar.nota}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def gantt(chart_id: str, obiettivo, periods: list[str], period_label) -> Chart | None:
    """The cronoprogramma: a row per phase, a cell per period (in order), filled where the phase is planned."""
    if not periods:
        return None
    label_width, row = 64, 30
    cell = (WIDTH - label_width) / len(periods)
    height = 30 + row * len(obiettivo.fasi)
    name = "Cronoprogramma delle fasi"
    spans = []
    for index, fase in enumerate(obiettivo.fasi, 1):
        planned = {q.periodo for q in fase.cronoprogramma if q.previsto}
        runs = _runs([column for column, period in enumerate(periods) if period in planned])
        if runs:
            spans.append(f"fase {fase.codice or index} " + " e ".join(
                f"da {period_label(periods[a])} a {period_label(periods[b])}" if b > a else f"in {period_label(periods[a])}"
                for a, b in runs))
    summary = "Periodi in cui è prevista ciascuna fase: " + "; ".join(spans) + "." if spans else \
        "Nessuna fase ha periodi previsti."
    out = [_open(chart_id, name, summary, WIDTH, height)]
    for column, period in enumerate(periods):
        x = label_width + column * cell + cell / 2
        out.append(f'<text x="{x:.1f}" y="16" text-anchor="middle">{escape(_month(period))}</text>')
    for index, fase in enumerate(obiettivo.fasi):
        y = 26 + index * row
        out.append(f'<text x="0" y="{y + 17}">Fase {escape(fase.codice or str(index + 1))}</text>')
        planned = {q.periodo for q in fase.cronoprogramma if q.previsto}
        for column, period in enumerate(periods):
            if period in planned:
                x = label_width + column * cell
                out.append(f'<rect class="tp-barra-valore" x="{x + 1:.1f}" y="{y + 4}" width="{cell - 2:.1f}" '
                           f'height="{row - 8}"/>')
    out.append("</svg>")
    return Chart(Markup("".join(out)), name, summary)


def progress_chart(chart_id: str, rows: list[tuple[str, float]], name: str) -> Chart | None:
    """Horizontal bars, one per unit (or objective), with the percentage written at the end."""
    rows = [(label, value) for label, value in rows if value is not None]
    if not rows:
        return None
    label_width, row = 170, 32
    bar_area = WIDTH - label_width - 60
    height = 10 + row * len(rows)
    summary = "; ".join(f"{label}: {number(round(value, 1))}%" for label, value in rows) + "."
    out = [_open(chart_id, name, summary, WIDTH, height)]
    for index, (label, value) in enumerate(rows):
        y = 5 + index * row
        out.append(f'<text x="0" y="{y + 18}">{escape(_short(label, 22))}</text>')
        out.append(f'<rect class="tp-barra-vuota" x="{label_width}" y="{y + 4}" width="{bar_area}" height="{row - 10}"/>')
        out.append(f'<rect class="tp-barra-valore" x="{label_width}" y="{y + 4}" '
                   f'width="{bar_area * min(value, 100) / 100:.1f}" height="{row - 10}"/>')
        out.append(f'<text x="{label_width + bar_area + 6}" y="{y + 18}">{number(round(value, 1))}%</text>')
    out.append("</svg>")
    return Chart(Markup("".join(out)), name, summary)


def _open(chart_id: str, name: str, summary: str, width: float, height: float) -> str:
    # The summary is the figure's visible caption (templates), so it is not repeated in a <desc>.
    return (f'<svg class="tp-grafico" role="img" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'aria-labelledby="{chart_id}-titolo" focusable="false">'
            f'<title id="{chart_id}-titolo">{escape(name)}</title>'
            f'<defs><pattern id="{chart_id}-tratteggio" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect class="tp-tratteggio-fondo" width="6" height="6"/>'
            f'<line class="tp-tratteggio" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>')


def _runs(columns: list[int]) -> list[tuple[int, int]]:
    """Consecutive columns as (first, last) runs: [2, 3, 4, 8] → [(2, 4), (8, 8)]."""
    runs: list[tuple[int, int]] = []
    for column in columns:
        if runs and column == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], column)
        else:
            runs.append((column, column))
    return runs


def _short(text: str, limit: int = 12) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _month(period: str) -> str:
    """«2024-03» → «mar»; other periods as written, shortened."""
    year, _, month = period.partition("-")
    names = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"]
    if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return names[int(month) - 1]
    return _short(period, 8)


def plan_gantt(chart_id: str, obiettivo) -> Chart | None:
    """The timetable of an objective, in the periods its phases use."""
    return gantt(chart_id, obiettivo, periods(obiettivo), period_label)


def report_progress(chart_id: str, relazione) -> Chart | None:
    """The Relazione's progress per unit."""
    rows = [(struttura.nome, avanzamento) for struttura, _, avanzamento in relazione.per_struttura]
    return progress_chart(chart_id, rows, f"Avanzamento per struttura, {relazione.anno}")
