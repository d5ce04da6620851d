"""Sottosezione 2.3 «Rischi corruttivi e trasparenza»: its home, a page per area of risk, per process and
per measure (each followed through the plan years), the register of measures and the programme of
transparency."""

from __future__ import annotations

from trasparenza.italian import quantity
from trasparenza.render.text import plain
from trasparenza.site.kinds import Kind

SEZIONE = "Rischi corruttivi e trasparenza"


def _coded(prefix: str, item) -> str:
    return f"{prefix} {item.codice}: {plain(item.titolo)}" if item.codice else plain(item.titolo)


def _addresses(pp) -> None:
    plan = pp.plan
    if not plan.ha_rischi:
        return
    pp.links[("rischi", "")] = pp.src("rischi")
    for area in plan.aree_rischio:
        pp.links[("area_rischio", area.id)] = pp.src("area_rischio", area.id)
    for _, processo in plan.processi():
        pp.links[("processo", processo.id)] = pp.src("processo", processo.id)
    if plan.misure_tutte():
        pp.links[("misure", "")] = pp.src("misure")
    for misura in plan.misure_tutte():
        pp.links[("misura", misura.id)] = pp.src("misura", misura.id)
    if plan.obblighi:
        pp.links[("obblighi", "")] = pp.src("obblighi")


def _home(pp) -> tuple[str, str]:
    return (SEZIONE, pp.src("rischi"))


def _make_home(pp) -> None:
    if not pp.plan.ha_rischi:
        return
    titolo = pp.plan.rischi.titolo if pp.plan.rischi else SEZIONE
    pp.add("rischi", pp.src("rischi"), titolo, True,
           f"La sottosezione 2.3 del {pp.plan.piano.etichetta}: contesto, mappatura dei processi, valutazione dei "
           "rischi, misure di prevenzione e programmazione della trasparenza.", [pp.home], SEZIONE)


def _make_areas(pp) -> None:
    for area in pp.plan.aree_rischio:
        pp.add("area_rischio", pp.links[("area_rischio", area.id)], _coded("Area di rischio", area), False,
               area.descrizione or f"I processi dell'area di rischio «{plain(area.titolo)}» e i loro rischi.",
               [pp.home, _home(pp)], area=area)


def _make_processes(pp) -> None:
    for area, processo in pp.plan.processi():
        pp.add("processo", pp.links[("processo", processo.id)], _coded("Processo", processo), False,
               processo.descrizione or f"Il processo «{plain(processo.titolo)}»: i suoi rischi, la loro valutazione "
                                       "e le misure di prevenzione.",
               [pp.home, _home(pp), (plain(area.titolo), pp.links[("area_rischio", area.id)])],
               area=area, processo=processo)


def _make_register(pp) -> None:
    if pp.plan.misure_tutte():
        pp.add("misure", pp.src("misure"), "Misure di prevenzione della corruzione", True,
               f"Le misure di prevenzione della corruzione del {pp.plan.piano.etichetta}, generali e specifiche, "
               "con il loro stato di attuazione.", [pp.home, _home(pp)], SEZIONE)


def _make_measures(pp) -> None:
    crumbs = [pp.home, _home(pp), ("Misure di prevenzione", pp.src("misure"))]
    for misura in pp.plan.misure_tutte():
        pp.add("misura", pp.links[("misura", misura.id)], _coded("Misura", misura), False,
               misura.descrizione or misura.titolo, crumbs, misura=misura)


def _make_obligations(pp) -> None:
    if pp.plan.obblighi:
        pp.add("obblighi", pp.src("obblighi"), "Programmazione della trasparenza", True,
               f"Gli obblighi di pubblicazione del {pp.plan.piano.etichetta} con i responsabili della trasmissione "
               "e della pubblicazione, l'aggiornamento e i termini.", [pp.home, _home(pp)], SEZIONE)


def _search_process(context: dict) -> list:
    processo, area = context["processo"], context["area"]
    return [processo.codice, area.titolo, processo.descrizione, processo.fasi,
            [r.descrizione for r in processo.rischi], [r.fattori for r in processo.rischi if r.fattori]]


def _search_measure(context: dict) -> list:
    misura = context["misura"]
    return [misura.codice, misura.tipo, misura.categoria, misura.tipologia, misura.descrizione,
            [f.descrizione for f in misura.fasi], [i.nome for i in misura.indicatori]]


def _search_area(context: dict) -> list:
    area = context["area"]
    return [area.codice, area.descrizione, [p.titolo for p in area.processi]]


def _label(plan) -> str:
    processi = len(plan.processi())
    misure = len(plan.misure_tutte())
    parts = [quantity(processi, "processo", "processi")] if processi else []
    parts += [quantity(misure, "misura", "misure")] if misure else []
    return f"{SEZIONE}: {', '.join(parts)}" if parts else SEZIONE


def _label_register(plan) -> str:
    return f"Misure di prevenzione della corruzione: {quantity(len(plan.misure_tutte()), 'misura', 'misure')}"


def _label_obligations(plan) -> str:
    return f"Programmazione della trasparenza: {quantity(len(plan.obblighi.obblighi), 'obbligo', 'obblighi')}"


KINDS = [
    Kind("rischi", "plan", 100, "rischi-corruttivi/index.md", _addresses, _make_home,
         datasets=("processi", "rischi", "misure", "obblighi"), piano_tipo="2.3", link="rischi", label=_label),
    Kind("misure", "plan", 101, "rischi-corruttivi/misure/index.md", None, _make_register, search="list",
         datasets=("misure",), piano_tipo="2.3", link="misure", label=_label_register),
    Kind("obblighi", "plan", 102, "rischi-corruttivi/obblighi.md", None, _make_obligations, datasets=("obblighi",), piano_tipo="2.3", link="obblighi",
         label=_label_obligations),
    Kind("area_rischio", "plan", 103, "rischi-corruttivi/aree/{id}.md", None, _make_areas, search="item",
         search_text=_search_area, datasets=("processi", "rischi"), follows="area"),
    Kind("processo", "plan", 104, "rischi-corruttivi/processi/{id}.md", None, _make_processes, search="item",
         search_text=_search_process, datasets=("processi", "rischi"), follows="processo"),
    Kind("misura", "plan", 105, "rischi-corruttivi/misure/{id}.md", None, _make_measures, search="item",
         search_text=_search_measure, datasets=("misure",), follows="misura"),
]
