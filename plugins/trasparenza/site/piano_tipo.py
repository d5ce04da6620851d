"""The sections of the «Piano tipo» (DM 30 giugno 2022, n. 132) and where each part of a plan goes.

The plan's home page follows them; the simplified PIAO of bodies with fewer than 50 employees
(art. 6 of the decree) has no 2.1, 2.2 and 4.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trasparenza.model import Piao, Sezione
from trasparenza.italian import quantity
from trasparenza.analysis.results import monitoring_periods
from trasparenza.render.text import plain

# code -> title, in the decree's order
SEZIONI: dict[str, str] = {
    "1": "Scheda anagrafica dell'amministrazione",
    "2.1": "Valore pubblico",
    "2.2": "Performance",
    "2.3": "Rischi corruttivi e trasparenza",
    "3.1": "Struttura organizzativa",
    "3.2": "Organizzazione del lavoro agile",
    "3.3": "Piano triennale dei fabbisogni di personale",
    "4": "Monitoraggio",
}
GRUPPI = {"2": "Valore pubblico, performance e anticorruzione", "3": "Organizzazione e capitale umano"}
NON_NEL_SEMPLIFICATO = ("2.1", "2.2", "4")

# The plan's own pages (link kinds of pages.plan_pages) in the section they belong to, with how they are named.
_PAGINE = {
    "2.1": ("valore_pubblico", "accessibilita"),
    "2.2": ("sezione_obiettivi", "azioni_positive", "azioni_miglioramento"),
    "3.1": ("sezione_strutture",),
}


def etichetta_pagina(plan: Piao, kind: str) -> str:
    """How a plan's index page is named in lists: its own title from the data, and how many items it holds."""
    if kind == "valore_pubblico":
        return f"Valore pubblico: {quantity(len(plan.obiettivi_strategici()), 'obiettivo strategico', 'obiettivi strategici')}"
    if kind == "accessibilita":
        return plan.accessibilita.titolo  # a prose line: shown through | inline
    if kind == "sezione_obiettivi":
        return f"{plan.piano.nome_obiettivi}: {quantity(len(plan.obiettivi), 'obiettivo', 'obiettivi')}"
    if kind == "azioni_positive":
        return f"{plain(plan.azioni_positive.titolo)}: {quantity(len(plan.azioni_positive_tutte()), 'azione', 'azioni')}"
    if kind == "azioni_miglioramento":
        return f"{plain(plan.azioni_miglioramento.titolo)}: {quantity(len(plan.azioni_miglioramento.azioni), 'azione', 'azioni')}"
    if kind == "sezione_strutture":
        return f"Struttura organizzativa: {quantity(len(plan.strutture), 'struttura', 'strutture')} con i responsabili"
    raise KeyError(kind)


def relazioni(plan: Piao, links: dict, final_only: bool = False) -> list[tuple[str, str]]:
    """The plan's Relazioni sulla performance (and, unless ``final_only``, its interim monitoring reports),
    most recent first: (title, source path)."""
    return [(p.titolo, links[("relazione", str(p.anno))]) for p in reversed(monitoring_periods(plan))
            if (p.finale or not final_only) and ("relazione", str(p.anno)) in links]


def codice(sezione: Sezione) -> str | None:
    """A narrative section's place in the Piano tipo: declared, or its own number when that is a code."""
    if sezione.sezione_piano_tipo:
        return sezione.sezione_piano_tipo
    return sezione.numero if sezione.numero in SEZIONI else None


def sezioni_di(plan: Piao, codes: tuple[str, ...]) -> list[Sezione]:
    return [s for s in plan.sezioni if codice(s) in codes]


@dataclass
class Parte:
    codice: str
    titolo: str
    voci: list[tuple[str, str]] = field(default_factory=list)  # (label, source path)
    prevista: bool = True  # false: not part of the simplified PIAO
    parti: list[Parte] = field(default_factory=list)  # the sub-sections of 2 and 3


def voci(parti: list[Parte]) -> list[tuple[str, str]]:
    """Every page of the plan's parts in the decree's order, for a document that is not a PIAO."""
    return [voce for parte in parti for voce in parte.voci + voci(parte.parti)]


def struttura(plan: Piao, links: dict) -> tuple[list[Parte], list[Sezione]]:
    """The plan's contents by Piano tipo section (2 and 3 hold their sub-sections), and the narrative
    sections outside them."""
    top: list[Parte] = []
    for code, title in SEZIONI.items():
        parte = Parte(code, title, prevista=not (plan.piano.semplificato and code in NON_NEL_SEMPLIFICATO))
        parte.voci += [(etichetta_pagina(plan, kind), links[(kind, "")]) for kind in _PAGINE.get(code, ())
                       if (kind, "") in links]
        if code == "4":
            parte.voci += list(reversed(relazioni(plan, links)))
        parte.voci += [(sezione.titolo, links[("sezione", sezione.id)]) for sezione in sezioni_di(plan, (code,))]
        group = code.split(".")[0]
        if "." not in code:
            top.append(parte)
        elif top and top[-1].codice == group:
            top[-1].parti.append(parte)
        else:
            top.append(Parte(group, GRUPPI[group], parti=[parte]))
    return top, [s for s in plan.sezioni if codice(s) is None]
