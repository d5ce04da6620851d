"""Charts drawn at build time as inline SVG: no charting script, nothing fetched.

A chart is announced once: the ``<svg>`` is an image with a short accessible name (``aria-label``, no
``<title>``, which Chromium would also expose as its description), its drawing is hidden from assistive
technology, and the one-sentence summary is the visible text under it (the templates put it there, with
the data table beside it). Labels are never cut: they wrap over lines and the chart grows to hold them;
a single word wider than its room is drawn narrower, whole. Values are written on the bars and targets
are hatched, so nothing relies on colour; colours come from the theme's variables (``trasparenza.css``),
so both colour schemes keep their contrast.
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
LINE = 20  # height of a line of text (the font is 17 units, trasparenza.css)
CHAR = 8.5  # a generous average width of a character at that size (Titillium Web: 8.1), to break lines


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
    parts = [_span("valore", "valori", [b for b in bars if not b.target]),
             _span("target", "target", [b for b in bars if b.target])]
    summary = f"{plain(indicatore.nome)}{_unit(indicatore, [b.text for b in bars])}: " + "; ".join(p for p in parts if p) + "."
    return Chart(_bars(chart_id, bars, name), name, summary)


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
    unit = _unit(indicatore, [text for e in esiti for text in (e.valore.testo, e.target.testo)])
    summary = f"{plain(indicatore.nome)}{unit}: " + "; ".join(
        f"al {e.data:%d/%m/%Y} valore {e.valore.testo} con target {e.target.testo}: {e.stato}" if e.valore.rilevato
        else f"al {e.data:%d/%m/%Y} valore non ancora rilevato (target {e.target.testo})" for e in esiti) + "."
    return Chart(_bars(chart_id, bars, name), name, summary)


def _unit(indicatore, texts: list[str]) -> str:
    """The unit, when the values as written do not carry it («20» giorni; not «82%» and «%»)."""
    unit = plain(indicatore.unita)
    if not unit or all(unit.lower() in str(text).lower() for text in texts if str(text).strip()):
        return ""
    return f" (unità di misura: {unit})"


def _span(one: str, many: str, bars: list[Bar]) -> str:
    """«valore 20 (2022)», or «valori da 18 (2021) a 20 (2022)»: never a range from a value to itself."""
    if not bars:
        return ""
    if len(bars) == 1:
        return f"{one} {bars[0].text} ({bars[0].label})"
    return f"{many} da {bars[0].text} ({bars[0].label}) a {bars[-1].text} ({bars[-1].label})"


def _bars(chart_id: str, bars: list[Bar], name: str) -> Markup:
    top = max(b.value for b in bars) or 1
    slot = WIDTH / len(bars)
    width = min(64, slot * 0.7)
    values = [_wrap(bar.text, slot - 4) for bar in bars]
    labels = [_wrap(bar.label, slot - 4) + ([bar.nota] if bar.nota else []) for bar in bars]
    above = LINE * max(len(lines) for lines in values) + 4
    base = above + BAR_AREA  # the axis
    height = base + LINE * max(len(lines) for lines in labels) + 8
    out = [_open(chart_id, name, WIDTH, height)]
    out.append(f'<line class="tp-asse" x1="0" y1="{base}" x2="{WIDTH}" y2="{base}"/>')
    for index, bar in enumerate(bars):
        h = max(bar.value / top * BAR_AREA, 1 if bar.value else 0)
        x = index * slot + (slot - width) / 2
        y = base - h
        kind = "tp-barra-target" if bar.target else "tp-barra-valore"
        fill = f' fill="url(#{chart_id}-tratteggio)"' if bar.target else ""
        out.append(f'<rect class="{kind}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}"{fill}/>')
        centre = index * slot + slot / 2
        lines = values[index]
        out.append(_text(lines, centre, y - 6 - LINE * (len(lines) - 1), slot - 4, "middle"))
        out.append(_text(labels[index], centre, base + 18, slot - 4, "middle"))
    out.append("</g></svg>")
    return Markup("".join(out))


def gantt(chart_id: str, obiettivo, periods: list[str], period_label) -> Chart | None:
    """The cronoprogramma: a row per phase, a cell per period (in order), filled where the phase is planned."""
    if not periods:
        return None
    label_width = 72
    cell = (WIDTH - label_width) / len(periods)
    heads = [_wrap(_month(period), cell - 2) for period in periods]
    names = [_wrap(f"Fase {fase.codice or index}", label_width - 6) for index, fase in enumerate(obiettivo.fasi, 1)]
    rows = [max(30, LINE * len(lines) + 10) for lines in names]
    first = LINE * max(len(lines) for lines in heads) + 6  # the top of the first row
    height = first + sum(rows)
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
    out = [_open(chart_id, name, WIDTH, height)]
    for column, lines in enumerate(heads):
        out.append(_text(lines, label_width + column * cell + cell / 2, 16, cell - 2, "middle"))
    y = first
    for index, fase in enumerate(obiettivo.fasi):
        out.append(_text(names[index], 0, y + 21, label_width - 6))
        planned = {q.periodo for q in fase.cronoprogramma if q.previsto}
        for column, period in enumerate(periods):
            if period in planned:
                x = label_width + column * cell
                out.append(f'<rect class="tp-barra-valore" x="{x + 1:.1f}" y="{y + 4}" width="{cell - 2:.1f}" '
                           f'height="{rows[index] - 8}"/>')
        y += rows[index]
    out.append("</g></svg>")
    return Chart(Markup("".join(out)), name, summary)


def _horizontal(chart_id: str, name: str, summary: str, rows: list[tuple[str, float, str]], label_width: int,
                track: bool) -> Chart:
    """Horizontal bars, one per row: (label, share of the bar area from 0 to 1, the value written after the
    bar); ``track`` draws the whole bar area behind each bar (a percentage of 100)."""
    bar_area = WIDTH - label_width - 60
    labels = [_wrap(label, label_width - 8) for label, _, _ in rows]
    heights = [max(32, LINE * len(lines) + 12) for lines in labels]
    out = [_open(chart_id, name, WIDTH, 10 + sum(heights))]
    y = 5
    for index, (_, share, text) in enumerate(rows):
        middle = y + heights[index] / 2  # the bar and its label are centred in the row
        out.append(_text(labels[index], 0, middle + 6 - LINE * (len(labels[index]) - 1) / 2, label_width - 8))
        if track:
            out.append(f'<rect class="tp-barra-vuota" x="{label_width}" y="{middle - 11:.1f}" width="{bar_area}" '
                       'height="22"/>')
        width = bar_area * share
        out.append(f'<rect class="tp-barra-valore" x="{label_width}" y="{middle - 11:.1f}" width="{width:.1f}" '
                   'height="22"/>')
        after = bar_area if track else width
        out.append(f'<text x="{label_width + after + 6:.1f}" y="{middle + 6:.1f}">{escape(text)}</text>')
        y += heights[index]
    out.append("</g></svg>")
    return Chart(Markup("".join(out)), name, summary)


def progress_chart(chart_id: str, rows: list[tuple[str, float]], name: str) -> Chart | None:
    """Horizontal bars, one per unit (or objective), with the percentage written at the end."""
    rows = [(label, value) for label, value in rows if value is not None]
    if not rows:
        return None
    summary = "; ".join(f"{label}: {number(round(value, 1))}%" for label, value in rows) + "."
    return _horizontal(chart_id, name, summary, [(label, min(value, 100) / 100, f"{number(round(value, 1))}%")
                                                 for label, value in rows], 170, True)


def count_chart(chart_id: str, rows: list[tuple[str, int]], name: str, what: tuple[str, str]) -> Chart | None:
    """Horizontal bars of counts, one per row, the count written at the end; ``what`` names the counted
    thing, one and many («rischio», «rischi»)."""
    rows = [(label, count) for label, count in rows if count]
    if len(rows) < 2:
        return None
    top = max(count for _, count in rows)
    summary = "; ".join(f"{label}: {count} {what[0] if count == 1 else what[1]}" for label, count in rows) + "."
    return _horizontal(chart_id, name, summary, [(label, count / top, str(count)) for label, count in rows], 200,
                       False)


def risk_levels(chart_id: str, mappa) -> Chart | None:
    """How many risks each area has at each level of the plan's scale (2.3)."""
    rows = [(f"{plain(area.titolo)}, rischio {level}", counts[i]) for area, counts, _ in mappa.livelli_per_area()
            for i, level in enumerate(mappa.scala)]
    return count_chart(chart_id, rows, "Livelli di rischio nelle aree", ("rischio", "rischi"))


def measures_by_status(chart_id: str, mappa) -> Chart | None:
    """How many prevention measures are in each status at their last monitoring (2.3)."""
    return count_chart(chart_id, mappa.misure_per_stato(), "Misure di prevenzione per stato", ("misura", "misure"))


def _open(chart_id: str, name: str, width: float, height: float) -> str:
    """The image and its name; the drawing (closed by ``</g></svg>``) is hidden from assistive technology:
    the summary under the chart and the table beside it say what it shows."""
    return (f'<svg class="tp-grafico" role="img" aria-label="{escape(name)}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'focusable="false"><g aria-hidden="true">'
            f'<defs><pattern id="{chart_id}-tratteggio" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect class="tp-tratteggio-fondo" width="6" height="6"/>'
            f'<line class="tp-tratteggio" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>')


def _wrap(text: str, room: float) -> list[str]:
    """Words over as many lines as they need in ``room`` units of width; a word is never split."""
    limit = max(1, int(room // CHAR))
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _text(lines: list[str], x: float, y: float, room: float, anchor: str = "start") -> str:
    """A label of one or more lines; a line wider than its room is drawn narrower, never cut."""
    spans = []
    for index, line in enumerate(lines):
        squeeze = (f' textLength="{room:.0f}" lengthAdjust="spacingAndGlyphs"'
                   if len(line) * CHAR > room else "")
        spans.append(f'<tspan x="{x:.1f}" dy="{0 if index == 0 else LINE}"{squeeze}>{escape(line)}</tspan>')
    middle = ' text-anchor="middle"' if anchor == "middle" else ""
    return f'<text y="{y:.1f}"{middle}>{"".join(spans)}</text>'


def _runs(columns: list[int]) -> list[tuple[int, int]]:
    """Consecutive columns as (first, last) runs: [2, 3, 4, 8] → [(2, 4), (8, 8)]."""
    runs: list[tuple[int, int]] = []
    for column in columns:
        if runs and column == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], column)
        else:
            runs.append((column, column))
    return runs


def _month(period: str) -> str:
    """«2024-03» → «mar»; other periods as written, shortened."""
    year, _, month = period.partition("-")
    names = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"]
    if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return names[int(month) - 1]
    return period


def plan_gantt(chart_id: str, obiettivo) -> Chart | None:
    """The timetable of an objective, in the periods its phases use."""
    return gantt(chart_id, obiettivo, periods(obiettivo), period_label)


def report_progress(chart_id: str, relazione) -> Chart | None:
    """The Relazione's progress per unit."""
    rows = [(struttura.nome, avanzamento) for struttura, _, avanzamento in relazione.per_struttura]
    return progress_chart(chart_id, rows, f"Avanzamento per struttura, {relazione.anno}")
