"""False positives accepted rule by rule, with their reasons (`falsi_positivi.yaml`, beside this file).

An entry names an engine, a rule and, optionally, the elements it may concern (a piece of the
element description every reported element must contain). A finding is accepted only if it
matches an entry completely: never a whole engine or category.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

FILE = Path(__file__).with_name("falsi_positivi.yaml")


@functools.cache
def entries() -> tuple[dict, ...]:
    loaded = yaml.safe_load(FILE.read_text(encoding="utf-8")) or []
    for entry in loaded:
        missing = {"motore", "regola", "cosa_vede", "perche_non_e_una_barriera"} - set(entry)
        if missing:
            raise ValueError(f"{FILE.name}: voce {entry.get('regola')} senza {', '.join(sorted(missing))}")
    return tuple(loaded)


def accepted_rule(finding: dict, review: bool = False) -> str | None:
    """The reason the finding is not a barrier, or None if it is a real violation. ``review``: a result an
    engine leaves to a person (axe's «incomplete»), matched only by entries marked ``da_verificare: true``
    and, if they name one, by the reason the engine gives (``causa``). Every element reported must be
    covered by an entry (one finding may group elements that two entries explain)."""
    candidates = [entry for entry in entries()
                  if (entry["motore"], entry["regola"]) == (finding["motore"], finding["regola"])
                  and bool(entry.get("da_verificare")) == review
                  and (not entry.get("causa") or entry["causa"] == finding.get("causa"))]
    reasons: list[str] = []
    for element in finding["elementi"] or [""]:
        entry = next((e for e in candidates if _covers(e, element)), None)
        if entry is None:
            return None
        if entry["perche_non_e_una_barriera"] not in reasons:
            reasons.append(entry["perche_non_e_una_barriera"])
    return " ".join(reasons) if reasons else None


def _covers(entry: dict, element: str) -> bool:
    where = entry.get("elementi")  # a piece the element's description holds, or a list of such pieces
    pieces = [where] if isinstance(where, str) else where or []
    return not pieces or any(piece in element for piece in pieces)
