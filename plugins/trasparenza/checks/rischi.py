"""Cross-references of sottosezione 2.3: processes and measures point at units, risks, processes and
objectives that exist; every assessment uses the plan's indicators and a level of its scale."""

from __future__ import annotations

import difflib

from trasparenza.model import Piao
from trasparenza.model.rischi import INDICATORI_PNA, SCALA_PNA
from trasparenza.problems import Issue


def check(plan: Piao, strutture: dict, obiettivi: dict, issues: list[Issue]) -> None:
    from trasparenza.checks.crossref import _ref, _unique, issue_at  # one helper for ids and references

    _unique(plan.aree_rischio, "area di rischio", issues)
    processi = _unique([p for _, p in plan.processi()], "processo", issues)
    rischi = _unique([r for _, _, r in plan.rischi_tutti()], "rischio", issues)
    misure = plan.misure_tutte()
    _unique(misure, "misura", issues)
    indicatori = list(plan.rischi.indicatori) if plan.rischi else list(INDICATORI_PNA)
    scala = list(plan.rischi.scala) if plan.rischi else list(SCALA_PNA)
    for _, processo in plan.processi():
        _ref(processo, "struttura", processo.struttura, strutture, "struttura", issues)
        for index, other in enumerate(processo.strutture_coinvolte):
            _ref(processo, ("strutture_coinvolte", index), other, strutture, "struttura", issues)
        for rischio in processo.rischi:
            for index, valore in enumerate(rischio.valutazione):
                if valore.indicatore not in indicatori:
                    close = difflib.get_close_matches(valore.indicatore, indicatori, n=1, cutoff=0.5)
                    issues.append(issue_at(
                        valore, "indicatore", f"«{valore.indicatore}» non è uno degli indicatori di stima del rischio",
                        f"forse intendevi «{close[0]}»?" if close else
                        "usa uno degli indicatori elencati in rischi-corruttivi.yaml («indicatori»), o aggiungilo lì"))
            if rischio.giudizio is not None and rischio.giudizio not in scala:
                issues.append(issue_at(rischio, "giudizio", f"il giudizio «{rischio.giudizio}» non è nella scala "
                                       f"del piano ({', '.join(scala)})",
                                       "scrivi uno dei giudizi della scala, o cambia la scala in rischi-corruttivi.yaml"))
    for misura in misure:
        _ref(misura, "struttura", misura.struttura, strutture, "struttura", issues)
        for index, value in enumerate(misura.rischi):
            _ref(misura, ("rischi", index), value, rischi, "rischio", issues)
        for index, value in enumerate(misura.processi):
            _ref(misura, ("processi", index), value, processi, "processo", issues)
        for index, value in enumerate(misura.obiettivi):
            _ref(misura, ("obiettivi", index), value, obiettivi, "obiettivo", issues)
    for obbligo in plan.obblighi.obblighi if plan.obblighi else []:
        _ref(obbligo, "trasmissione", obbligo.trasmissione, strutture, "struttura", issues)
        _ref(obbligo, "pubblicazione", obbligo.pubblicazione, strutture, "struttura", issues)
