"""The accessibility report: a summary for the terminal and an accessible Italian HTML page for CI.

The HTML report holds what fails (per page), what a person has to review (engine warnings and
potential findings, grouped by rule across the site), the false positives accepted and why, and
the keyboard walk (Tab stops per page and width).
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from trasparenza.quality.a11y import VIEWS, Report
from trasparenza.quality.engines import ENGINES


def summary(report: Report) -> list[str]:
    lines = [f"Pagine controllate: {len(report.pages)}, ciascuna in {len(VIEWS)} viste "
             f"({'; '.join(v.label for v in VIEWS)})."]
    for engine in ENGINES:
        lines.append(f"{engine.name} ({engine.standard}): {report.count(engine.key)} violazioni, "
                     f"{report.count(engine.key, 'review')} segnalazioni da verificare, "
                     f"{report.count(engine.key, 'accepted')} falsi positivi accettati.")
    lines.append(f"Tastiera, struttura e richieste esterne: {report.problems} problemi.")
    return lines


def _grouped(report: Report, kind: str) -> list[tuple[tuple[str, str, str], list[str], list[str], str]]:
    """Findings of one kind grouped by engine and rule across pages: (key, pages, elements, reason)."""
    pages: dict[tuple, list[str]] = defaultdict(list)
    elements: dict[tuple, list[str]] = defaultdict(list)
    reasons: dict[tuple, str] = {}
    for page in report.pages:
        for finding in getattr(page, kind):
            key = (finding["motore"], finding["regola"], finding["descrizione"])
            pages[key].append("/" + page.path)
            elements[key] += [e for e in finding["elementi"] if e not in elements[key]][:5 - len(elements[key])]
            reasons[key] = finding.get("motivo", "")
    return sorted(((key, pages[key], elements[key], reasons[key]) for key in pages),
                  key=lambda item: (item[0][0], -len(item[1]), item[0][1]))


def _list(items: list[str], limit: int = 5) -> str:
    shown = ", ".join(f"<code>{escape(i)}</code>" for i in items[:limit])
    return shown + (f" e altre {len(items) - limit}" if len(items) > limit else "")


def html_report(report: Report, title: str = "Verifica di accessibilità") -> str:
    names = {engine.key: engine.name for engine in ENGINES}
    engine_rows = "".join(
        f"<tr><th scope=\"row\">{escape(e.name)} <small>({escape(e.standard)})</small></th>"
        f"<td>{report.count(e.key)}</td><td>{report.count(e.key, 'review')}</td>"
        f"<td>{report.count(e.key, 'accepted')}</td></tr>" for e in ENGINES)
    engine_rows += (f"<tr><th scope=\"row\">Tastiera, struttura, richieste esterne</th><td>{report.problems}</td>"
                    "<td>–</td><td>–</td></tr>")

    failing = []
    for page in report.pages:
        if page.ok:
            continue
        items = [f"<li><strong>{escape(names[v['motore']])} {escape(v['regola'])}</strong> ({escape(str(v['impatto']))}): "
                 f"{escape(v['descrizione'])} – {_list(v['elementi'])} <small>[{escape(', '.join(v['viste']))}]</small></li>"
                 for v in page.violations]
        items += [f"<li>{escape(p)}</li>" for p in page.problems]
        failing.append(f"<h3>/{escape(page.path)}</h3><ul>{''.join(items)}</ul>")
    external = "".join(f"<li><code>{escape(u)}</code></li>" for u in report.external_requests)
    if external:
        failing.append(f"<h3>Richieste a host esterni (bloccate)</h3><ul>{external}</ul>")

    def grouped_rows(kind: str, with_reason: bool) -> str:
        rows = []
        for (engine, rule, description), pages, elements, reason in _grouped(report, kind):
            rows.append(f"<tr><th scope=\"row\">{escape(names[engine])}<br><code>{escape(rule)}</code></th>"
                        f"<td>{escape(description)}</td><td>{len(pages)}: {_list(pages, 3)}</td>"
                        f"<td>{_list(elements)}</td>" + (f"<td>{escape(reason)}</td>" if with_reason else "") + "</tr>")
        return "".join(rows)

    review = grouped_rows("review", False)
    accepted = grouped_rows("accepted", True)
    walk = "".join(f"<tr><th scope=\"row\">/{escape(p.path)}</th>"
                   + "".join(f"<td>{p.tab_stops.get(w, '–')}</td>" for w in ("1280 px", "320 px")) + "</tr>"
                   for p in report.pages if p.tab_stops)
    verdict = "nessun problema trovato" if report.ok else "da correggere"
    return f"""<!doctype html>
<html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>body{{font-family:sans-serif;max-width:70rem;margin:auto;padding:1rem;line-height:1.5;color:#1b1b1b;background:#fff}}
table{{border-collapse:collapse;width:100%;margin:1rem 0}}th,td{{border:1px solid #555;padding:.4rem;text-align:left;vertical-align:top}}
code{{overflow-wrap:anywhere}}</style>
</head><body><main>
<h1>{escape(title)}</h1>
<p>Esito: <strong>{verdict}</strong>. Pagine controllate: {len(report.pages)}, ciascuna in queste viste:
{escape('; '.join(v.label for v in VIEWS))}; poi il percorso con la tastiera a 1280 e 320 px.</p>
<div class="tabella"><table><caption>Segnalazioni per motore</caption>
<thead><tr><th scope="col">Motore</th><th scope="col">Violazioni</th><th scope="col">Da verificare</th>
<th scope="col">Falsi positivi accettati</th></tr></thead><tbody>{engine_rows}</tbody></table></div>
<h2>Da correggere</h2>
{"".join(failing) or "<p>Nessuna violazione e nessun problema.</p>"}
<h2>Da verificare a mano</h2>
<p>Avvisi e segnalazioni «potenziali» dei motori: non bloccano la pubblicazione, ma una persona deve
controllarli (per esempio che un testo alternativo descriva davvero l'immagine).</p>
{f'<div class="tabella"><table><caption>Segnalazioni da verificare, per regola</caption><thead><tr><th scope="col">Motore e regola</th><th scope="col">Che cosa dice</th><th scope="col">Pagine</th><th scope="col">Elementi</th></tr></thead><tbody>{review}</tbody></table></div>' if review else "<p>Nessuna.</p>"}
<h2>Falsi positivi accettati</h2>
{f'<div class="tabella"><table><caption>Regole accettate come falsi positivi, con il motivo</caption><thead><tr><th scope="col">Motore e regola</th><th scope="col">Che cosa dice</th><th scope="col">Pagine</th><th scope="col">Elementi</th><th scope="col">Perché non è una barriera</th></tr></thead><tbody>{accepted}</tbody></table></div>' if accepted else "<p>Nessuno.</p>"}
<h2>Percorso con la tastiera</h2>
<div class="tabella"><table><caption>Fermate del tasto Tab (ognuna visibile, con un nome e un indicatore del focus), per tipo di pagina</caption>
<thead><tr><th scope="col">Pagina</th><th scope="col">1280 px</th><th scope="col">320 px</th></tr></thead>
<tbody>{walk}</tbody></table></div>
</main></body></html>
"""
