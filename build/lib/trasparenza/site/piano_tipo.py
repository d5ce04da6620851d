"""The sections of the «Piano tipo» (DM 30 giugno 2022, n. 132) and where each part of a plan goes.

The plan's home page follows them; the simplified PIAO of bodies with fewer than 50 employees
(art. 6 of the decree) has no 2.1, 2.2 and 4.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trasparenza.model import Piao, Sezione
from trasparenza.analysis.results import monitoring_periods
from trasparenza.site import kinds

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

def etichetta_pagina(plan: Piao, link: str) -> str:
    """How a plan's index page is named in lists: its own title from the data, and how many items it holds
    (its kind's label, site/kinds/)."""
    return kinds.by_link(link).label(plan)


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
        parte.voci += [(kind.label(plan), links[(kind.link, "")]) for kind in kinds.in_piano_tipo(code)
                       if (kind.link, "") in links]
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
