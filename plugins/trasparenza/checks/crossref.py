"""Checks that span files: unique ids, references that resolve, sums, dates in the period."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Iterable

from trasparenza.problems import AVVISO, ERRORE, Issue, field_path

from trasparenza.italian import number, plural_article
from trasparenza.model import Nodo, Piao
from trasparenza.analysis.targets import MESI
from trasparenza.render.text import refused_links
from trasparenza.checks import rischi

TOLERANCE = 0.01
# Italian articles agree with the noun: «nessuna struttura», «nessun obiettivo».
FEMININE = {"struttura", "azione positiva", "area delle azioni positive", "azione di miglioramento",
            "sezione", "area di rischio", "misura"}


def _number(value: float) -> str:
    """«100,5», «100»: Italian decimals, no trailing zeros."""
    return number(round(value, 2), grouping=False)


def _articles(what: str) -> tuple[str, str, str]:
    """(nessun/nessuna, un/una, un altro/un'altra) for a noun."""
    if what in FEMININE:
        return "nessuna", "una", "un'altra"
    return "nessun", "un", "un altro"


def check(plan: Piao) -> list[Issue]:
    issues: list[Issue] = []
    strutture = _unique(plan.strutture, "struttura", issues)
    obiettivi = _unique(plan.obiettivi, "obiettivo", issues)
    indirizzi = [i for i in plan.valore_pubblico.indirizzi]
    _unique(indirizzi, "indirizzo strategico", issues)
    strategici = _unique([o for _, o in plan.obiettivi_strategici()], "obiettivo strategico", issues)
    azioni = _unique([a for _, a in plan.azioni_positive_tutte()], "azione positiva", issues)
    if plan.azioni_positive:
        _unique(plan.azioni_positive.aree, "area delle azioni positive", issues)
    if plan.azioni_miglioramento:
        _unique(plan.azioni_miglioramento.azioni, "azione di miglioramento", issues)
    _unique(plan.sezioni, "sezione", issues)

    for struttura in plan.strutture:
        _ref(struttura, "parte_di", struttura.parte_di, strutture, "struttura", issues)
    _check_cycles(plan.strutture, strutture, issues)
    _check_units_of_objectives(plan, strutture, issues)
    _check_codes(plan, issues)
    for obiettivo in plan.obiettivi:
        for index, other in enumerate(obiettivo.strutture_coinvolte):
            _ref(obiettivo, ("strutture_coinvolte", index), other, strutture, "struttura", issues)
        _ref(obiettivo, "obiettivo_strategico", obiettivo.obiettivo_strategico, strategici,
             "obiettivo strategico", issues)
        for index, azione in enumerate(obiettivo.azioni_positive):
            _ref(obiettivo, ("azioni_positive", index), azione, azioni, "azione positiva", issues)
        _check_phases(obiettivo, issues)
        _check_dates(obiettivo, plan, issues)
    for _, azione in plan.azioni_positive_tutte():
        for index, target in enumerate(azione.obiettivi):
            _ref(azione, ("obiettivi", index), target, obiettivi, "obiettivo", issues)
    if plan.azioni_miglioramento:
        for azione in plan.azioni_miglioramento.azioni:
            _ref(azione, "obiettivo_valore_pubblico", azione.obiettivo_valore_pubblico, strategici,
                 "obiettivo di valore pubblico", issues)
    if plan.variazioni:
        _unique(plan.variazioni.atti, "atto di variazione", issues)
        for atto in plan.variazioni.atti:
            for modifica in atto.modifiche:
                _ref(modifica, "obiettivo", modifica.obiettivo, obiettivi, "obiettivo", issues)
                if modifica.obiettivo in obiettivi and modifica.elemento != "obiettivo":
                    _check_element(modifica, obiettivi[modifica.obiettivo], issues)
    rischi.check(plan, strutture, obiettivi, issues)
    _check_weights(plan, issues)
    _check_reports(plan, issues)
    for name in type(plan).model_fields:
        if name not in ("ente", "dichiarazione", "obiettivi_accessibilita", "trasparenza"):
            check_links(getattr(plan, name), issues)
    return issues


def _check_units_of_objectives(plan: Piao, strutture: dict, issues: list[Issue]) -> None:
    """Each objective's unit exists. Told once: when the file names the unit for all its objectives
    (one typo, one message) and when there are no units at all (struttura.yaml missing)."""
    if plan.obiettivi and not plan.strutture:
        folder = plan.piano.source_file().rpartition("/")[0]
        used = list(dict.fromkeys(o.struttura for o in plan.obiettivi))
        names = ", ".join(f"«{u}»" for u in used[:5]) + (f" e altre {len(used) - 5}" if len(used) > 5 else "")
        issues.append(Issue(f"{folder}/struttura.yaml" if folder else "struttura.yaml", 1, 1, "",
                            ("manca la struttura organizzativa: " + (f"gli obiettivi indicano la struttura «{used[0]}», che non è "
                             "descritta" if len(used) == 1 else f"gli obiettivi indicano {len(used)} strutture che "
                             "non sono descritte")),
                            f"crea struttura.yaml con le strutture usate dagli obiettivi: {names} (vedi il README)"))
        return
    told: set[tuple] = set()
    for obiettivo in plan.obiettivi:
        if obiettivo.struttura in strutture:
            continue
        origin = obiettivo._origin  # where the unit is written (positions are computed only for a mistake)
        inherited = origin is not None and origin.positions.get(("struttura",)) == obiettivo.where("struttura")[1:]
        if inherited:
            if (origin.file, obiettivo.struttura) in told:
                continue
            told.add((origin.file, obiettivo.struttura))
            count = sum(1 for o in plan.obiettivi if o._origin is not None and o._origin.file == origin.file)
            before = len(issues)
            _ref(obiettivo, "struttura", obiettivo.struttura, strutture, "struttura", issues)
            for index in range(before, len(issues)):
                issues[index] = replace(issues[index], field="struttura",
                                        message=issues[index].message + f" (la struttura {plural_article(count, 'di')} {count} obiettivi del file)"
                                        if count > 1 else issues[index].message)
            continue
        _ref(obiettivo, "struttura", obiettivo.struttura, strutture, "struttura", issues)


def _check_codes(plan: Piao, issues: list[Issue]) -> None:
    """Two objectives of one unit with the same code: the plan, the pages and the reports would mix them up."""
    seen: dict[tuple[str, str], Nodo] = {}
    for obiettivo in plan.obiettivi:
        if not obiettivo.codice:
            continue
        key = (obiettivo.struttura, obiettivo.codice)
        if key in seen:
            first = seen[key].where("codice")
            issues.append(issue_at(obiettivo, "codice", f"il codice «{obiettivo.codice}» è già usato da un altro "
                                   f"obiettivo della stessa struttura ({first[0]}:{first[1]}, «{seen[key].id}»)",
                                   "ogni obiettivo di una struttura ha un codice diverso: correggi uno dei due"))
        else:
            seen[key] = obiettivo


def check_links(node, issues: list[Issue] | None = None) -> list[Issue]:
    """Links in the text whose address is not a web address (javascript:, file:…): the site shows their text
    without the link, and the editor is told where."""
    issues = [] if issues is None else issues
    if isinstance(node, Nodo):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if isinstance(value, str):
                for target in refused_links(value):
                    shown = target.split(":", 1)[0] + ":…"
                    issues.append(issue_at(node, name, f"il collegamento «{shown}» non è un indirizzo web: il sito "
                                           "mostra il testo senza il collegamento",
                                           "scrivi un indirizzo che inizia con https:// (o mailto: per la posta "
                                           "elettronica), oppure togli il collegamento", AVVISO))
            else:
                check_links(value, issues)
    elif isinstance(node, (list, tuple)):
        for item in node:
            check_links(item, issues)
    elif isinstance(node, dict):
        for item in node.values():
            check_links(item, issues)
    return issues


def elements(obiettivo, elemento: str) -> list[str]:
    """What a variation's «riferimento» may name in an objective: phase codes, indicator names, activities."""
    if elemento == "fase":
        return [f.codice for f in obiettivo.fasi if f.codice]
    if elemento in ("indicatore", "target"):
        return [i.nome for i in obiettivo.tutti_gli_indicatori()]
    return list(obiettivo.attivita_istituzionali)


def _check_element(modifica, obiettivo, issues: list[Issue]) -> None:
    names = elements(obiettivo, modifica.elemento)
    if modifica.riferimento in names:
        return
    what = {"fase": "fase", "attività": "attività istituzionale"}.get(modifica.elemento, "indicatore")
    field = {"fase": "il codice della fase", "attività": "il testo dell'attività"}.get(modifica.elemento,
                                                                                     "il nome dell'indicatore")
    close = difflib.get_close_matches(modifica.riferimento, names, n=1, cutoff=0.6)
    hint = (f"forse intendevi «{close[0]}»?" if close else
            f"scrivi {field} come compare nella scheda dell'obiettivo" + (f", es. «{names[0]}»" if names else
                                                                         ": l'obiettivo non ne ha"))
    issues.append(issue_at(modifica, "riferimento", f"«{modifica.riferimento}» non corrisponde a nessuna {what} "
                           f"dell'obiettivo «{obiettivo.id}»" if what != "indicatore" else
                           f"«{modifica.riferimento}» non corrisponde a nessun indicatore dell'obiettivo «{obiettivo.id}»",
                           hint))


def issue_at(node: Nodo, field, message: str, hint: str, severity: str = ERRORE) -> Issue:
    path = field if isinstance(field, tuple) else (field,)
    file, line, column = _where_deep(node, path)
    origin_path = node._origin.path if node._origin else ()
    return Issue(file, line, column, field_path(origin_path + path), message, hint, severity)


def _where_deep(node: Nodo, path: tuple) -> tuple[str, int, int]:
    origin = node._origin
    if origin is None:
        return ("?", 0, 0)
    key = origin.path + path
    while key not in origin.positions and len(key) > len(origin.path):
        key = key[:-1]
    line, column = origin.positions.get(key, (1, 1))
    return origin.file, line, column


def _unique(items: Iterable[Nodo], what: str, issues: list[Issue]) -> dict[str, Nodo]:
    seen: dict[str, Nodo] = {}
    for item in items:
        key = item.id
        if key in seen:
            first = seen[key].where("id")
            issues.append(issue_at(item, "id", f"l'id «{key}» è già usato da {_articles(what)[2]} {what} "
                                 f"({first[0]}:{first[1]})",
                                 "ogni id deve essere unico: cambia uno dei due"))
        else:
            seen[key] = item
    return seen


def _ref(node: Nodo, field, value: str | None, targets: dict, what: str, issues: list[Issue]) -> None:
    if value is None or value in targets:
        return
    none, one, _ = _articles(what)
    close = difflib.get_close_matches(value, list(targets), n=1, cutoff=0.6)
    if close:
        hint = f"forse intendevi «{close[0]}»?"
    elif targets:
        hint = f"usa l'id di {one} {what} esistente, es. «{next(iter(targets))}»"
    else:
        hint = f"nei dati non c'è {none} {what}: {'aggiungila' if what in FEMININE else 'aggiungilo'} o togli il riferimento"
    issues.append(issue_at(node, field, f"«{value}» non corrisponde a {none} {what}", hint))


def _check_cycles(units: list, by_id: dict, issues: list[Issue]) -> None:
    """A unit cannot contain itself, directly or through others (A in B, B in A)."""
    for unit in units:
        seen, current = [unit.id], by_id.get(unit.parte_di) if unit.parte_di else None
        while current is not None:
            if current.id == unit.id:
                chain = " → ".join(seen + [unit.id])
                issues.append(issue_at(unit, "parte_di", f"la struttura «{unit.id}» fa parte di sé stessa ({chain})",
                                     "controlla «parte_di»: una struttura non può contenere la struttura che la contiene"))
                break
            if current.id in seen:
                break  # a cycle further up: reported from a unit that belongs to it
            seen.append(current.id)
            current = by_id.get(current.parte_di) if current.parte_di else None


def _phase_group(fase, index: int) -> str:
    """Sub-phases «1 a)», «1 b)» share the weight of phase «1», often written once."""
    match = re.match(r"\s*(\d+)", fase.codice or "")
    return match.group(1) if match else f"#{index}"


def _check_phases(obiettivo, issues: list[Issue]) -> None:
    weights = [f.incidenza for f in obiettivo.fasi]
    if not weights or all(w is None for w in weights):
        return
    groups: dict[str, list] = defaultdict(list)
    for index, fase in enumerate(obiettivo.fasi):
        groups[_phase_group(fase, index)].append(fase.incidenza)
    if any(all(w is None for w in group) for group in groups.values()):
        issues.append(issue_at(obiettivo, "fasi", "alcune fasi hanno l'incidenza % e altre no",
                             "indica l'incidenza per tutte le fasi o per nessuna", AVVISO))
        return
    total = sum(w for w in weights if w is not None)
    if abs(total - 100) > TOLERANCE:
        issues.append(issue_at(obiettivo, "fasi", f"le incidenze delle fasi sommano a {_number(total)}% invece di 100%",
                             "correggi le incidenze in modo che la somma sia 100"))


def _check_reports(plan: Piao, issues: list[Issue]) -> None:
    """The approval and validation of a Relazione belong to a year whose year-end rilevazioni are in the data."""
    from trasparenza.analysis.results import monitoring_periods

    final = {p.anno for p in monitoring_periods(plan) if p.finale}
    seen: set[int] = set()
    for relazione in plan.piano.relazioni:
        if relazione.anno in seen:
            issues.append(issue_at(relazione, "anno", f"la Relazione {relazione.anno} è indicata due volte",
                                   "tieni una sola voce per anno in «relazioni»"))
        seen.add(relazione.anno)
        if relazione.anno not in final:
            issues.append(issue_at(relazione, "anno", f"i dati non hanno rilevazioni di fine anno del "
                                   f"{relazione.anno}: la Relazione non ha una pagina su cui mostrare approvazione "
                                   "e validazione", "aggiungi le rilevazioni al 31/12 (o «finale: true») di quell'anno, "
                                   "oppure correggi l'anno", AVVISO))


def _check_weights(plan: Piao, issues: list[Issue]) -> None:
    expected = plan.piano.peso_totale_per_struttura
    if expected is None:
        return
    by_unit: dict[str, list] = defaultdict(list)
    for obiettivo in plan.obiettivi:
        by_unit[obiettivo.struttura].append(obiettivo)
    for unit, items in by_unit.items():
        items = [o for o in items if o.peso is None or o.pesato]  # «X», «propedeutico»: outside the sum
        weights = [o.peso for o in items]
        if all(w is None for w in weights):
            continue
        if any(w is None for w in weights):
            missing = next(o for o in items if o.peso is None)
            issues.append(issue_at(missing, "peso", f"la struttura «{unit}» ha obiettivi con peso e obiettivi senza",
                                 "indica il peso % per tutti gli obiettivi della struttura", AVVISO))
            continue
        total = sum(weights)
        if abs(total - expected) > TOLERANCE:
            issues.append(issue_at(items[-1], "peso", f"i pesi degli obiettivi della struttura «{unit}» sommano a "
                                 f"{_number(total)}% invece di {_number(expected)}%",
                                 f"correggi i pesi in modo che la somma sia {_number(expected)}, oppure indica in piano.yaml "
                                 "«peso_totale_per_struttura» (null se i pesi non devono sommare a un totale)"))


MONTHS = MESI
_DATE_IN_WORDS = re.compile(r"^\s*(\d{1,2})(?:°|º)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\s*$", re.I)


def _check_dates(obiettivo, plan: Piao, issues: list[Issue]) -> None:
    start = date(plan.piano.anno_inizio, 1, 1) if plan.piano.triennio else None
    end = date(plan.piano.anno_fine, 12, 31) if plan.piano.triennio else None

    def check(node: Nodo, field, value) -> None:
        if isinstance(value, str):
            words = _DATE_IN_WORDS.match(value)
            if words:  # a deadline that is text is shown as written, never compared nor sorted
                day, month, year = int(words[1]), MONTHS.index(words[2].lower()) + 1, words[3]
                issues.append(issue_at(node, field, f"«{value.strip()}» è una data scritta in parole: resta un testo, "
                                       "che non viene ordinato né confrontato con le altre date",
                                       f"scrivila in cifre: {day:02d}/{month:02d}/{year}", AVVISO))
        elif isinstance(value, date) and start and not start <= value <= end:
            issues.append(issue_at(node, field, f"la data {value:%d/%m/%Y} è fuori dal periodo del piano "
                                 f"({plan.piano.triennio})", "controlla l'anno della data", AVVISO))

    check(obiettivo, "scadenza_finale", obiettivo.scadenza_finale)
    for fase in obiettivo.fasi:
        check(fase, "scadenza", fase.scadenza)
        check(fase, "inizio", fase.inizio)
    for indicatore in obiettivo.indicatori:
        for rilevazione in indicatore.rilevazioni:
            check(rilevazione, "data", rilevazione.data)


def last_review_deadline(oggi: date) -> date:
    """The statement must be reviewed every year by 23 September: the most recent such deadline."""
    this_year = date(oggi.year, 9, 23)
    return this_year if oggi >= this_year else date(oggi.year - 1, 9, 23)


def check_accessibility(plan: Piao, oggi: date) -> list[Issue]:
    issues: list[Issue] = []
    dichiarazione = plan.dichiarazione
    if dichiarazione is None:
        return issues
    if dichiarazione.stato_conformita != "conforme" and not dichiarazione.contenuti_non_accessibili:
        issues.append(issue_at(dichiarazione, "stato_conformita",
                             f"lo stato «{dichiarazione.stato_conformita}» richiede l'elenco dei contenuti non accessibili",
                             "aggiungi «contenuti_non_accessibili:» con descrizione, motivo e alternativa"))
    riesame = dichiarazione.redazione.ultimo_riesame
    deadline = last_review_deadline(oggi)
    # The yearly review counts for the deadline that follows it: one on 15/09/2026 meets 23/09/2026.
    if riesame is not None and riesame <= date(deadline.year - 1, 9, 23):
        issues.append(issue_at(dichiarazione.redazione, "ultimo_riesame",
                             f"la dichiarazione non è stata riesaminata entro il {deadline:%d/%m/%Y} "
                             f"(ultimo riesame: {riesame:%d/%m/%Y})",
                             "riesamina la dichiarazione su form.agid.gov.it e aggiorna la data", AVVISO))
    verifica = dichiarazione.verifica_automatica
    if dichiarazione.stato_conformita == "conforme" and verifica is not None and verifica.violazioni > 0:
        issues.append(issue_at(dichiarazione, "stato_conformita",
                             f"la dichiarazione indica «conforme» ma la verifica automatica del "
                             f"{verifica.data:%d/%m/%Y} ha trovato {verifica.violazioni} violazioni",
                             "correggi le violazioni oppure dichiara «parzialmente conforme»", AVVISO))
    return issues
