"""Values are text: a target, a result, a code or a unit is shown exactly as written, everywhere.

Markdown would read «> 50%» as a quote, «- 10%» as a list item, «1. livello» as a numbered list and
«# 3 sedute» as a heading: only the fields the model declares prose go through it. The property test
builds real sites with values made of the marks people type; the recount goes over every site of the
repository and finds every value of every data file on a page.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import REPO, SITE_NAMES, Page, build, page, project, write_site

# Leading and inner marks people type in targets and values, and the plain parts around them.
MARKS = [">", "<", "≥", "≤", ">=", "<=", "=", "-", "–", "+", "*", "#", "1.", "1)", "~", "|", "_", "`", "[", "]",
         "&", "&amp;", "&lt;", "(", ")", "**", "__", "> ", "# ", "- ", "* ", "+ ", "1. ", "[x](y)", "\\"]
BODIES = ["50%", "1.000,50 €", "3 sedute", "10% rispetto al 2016", "12", "0,5", "livello", "nota", "2.300 / 8",
          "95 %", "6 h/settimana", "n. pratiche*100/totale"]


def _value(prefix: str, body: str, inner: str, tail: str) -> str:
    text = f"{prefix}{body}{inner}{tail}".strip()
    return " ".join(text.split())


values = st.builds(_value, st.sampled_from(MARKS), st.sampled_from(BODIES),
                   st.sampled_from([""] + MARKS), st.sampled_from(["", " circa", " su 10", "x"]))
# Where a value goes: (field, how it is written in the objective).
SLOTS = ("codice", "valore_atteso", "unita", "indice", "formula", "target", "serie", "atteso", "raggiunto",
         "scostamento", "scadenza", "costo", "costo_risorse", "prima", "dopo", "periodo")


def _site(root: Path, v: dict[str, str]) -> Path:
    objective = {
        "id": "valori", "codice": v["codice"], "titolo": "Valori come scritti", "peso": 100,
        "costo_risorse": v["costo_risorse"],
        "fasi": [{"codice": "1", "descrizione": "Unica fase", "incidenza": 100, "scadenza": v["scadenza"]}],
        "indicatori": [{
            "nome": "Indicatore dei valori", "unita": v["unita"], "indice": v["indice"], "formula": v["formula"],
            "valore_atteso": v["valore_atteso"],
            "serie": [{"periodo": "2023", "valore": v["serie"]}, {"periodo": v["periodo"], "valore": "7"}],
            "target": [{"periodo": "2024", "valore": v["target"]}],
            "rilevazioni": [{"data": "31/12/2024", "atteso": v["atteso"], "raggiunto": v["raggiunto"],
                             "scostamento": v["scostamento"]}],
        }],
        "risorse": [{"tipologia": "Strumentali", "descrizione": "Postazioni", "costo": v["costo"]}],
    }
    changes = {"atti": [{"id": "variazione", "titolo": "Variazione di luglio", "data": "15/07/2024", "modifiche": [
        {"obiettivo": "valori", "elemento": "target", "riferimento": "Indicatore dei valori", "tipo": "modificato",
         "prima": v["prima"], "dopo": v["dopo"], "motivazione": "Nuovo target."}]}]}
    files = {"obiettivi/area-servizi.yaml": yaml.safe_dump({"struttura": "area-servizi", "obiettivi": [objective]},
                                                           allow_unicode=True),
             "variazioni.yaml": yaml.safe_dump(changes, allow_unicode=True), "azioni-positive.yaml": None}
    return write_site(root, files)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _assert_verbatim(root: Path, v: dict[str, str]) -> None:
    site = root / "site_build"
    objective = page(site, "piao/2024-2026/obiettivi/valori/")
    printed = page(site, "piao/2024-2026/stampa/")
    shown_in_print = ("valore_atteso", "unita", "target", "serie", "atteso", "raggiunto", "scostamento", "periodo")
    for slot, value in v.items():
        assert _norm(value) in objective.text, (slot, value)
        if slot in shown_in_print:
            assert _norm(value) in printed.text, (slot, value)
    # In the cells that show them, whole.
    cells = [cell for table in objective.tables for row in table["rows"] for cell in row]
    for slot in ("valore_atteso", "unita", "target", "serie", "atteso", "raggiunto", "scostamento", "costo"):
        assert any(_norm(v[slot]) in cell for cell in cells), (slot, v[slot], cells)
    # The charts' summaries (the text under each) quote the values they draw as written.
    html = (site / "piao/2024-2026/obiettivi/valori/index.html").read_text(encoding="utf-8")
    for caption in re.findall(r'<p class="tp-figura__sintesi">(.*?)</p>', html, re.S):
        text = _norm(Page(caption).text)
        if "2023" in text and "valori da" in text:
            assert _norm(v["serie"]) in text, (v["serie"], text)
        if "target" in text and "(2024)" in text:
            assert _norm(v["target"]) in text, (v["target"], text)
    # Open data: the indicators' CSV keeps each value as written.
    rows = list(csv.DictReader(io.StringIO((site / "dati/2024-2026/indicatori.csv").read_text(encoding="utf-8"))))
    written = {cell.lstrip("'") for row in rows for cell in row.values() if cell}
    for slot in ("valore_atteso", "unita", "target", "serie", "raggiunto", "scostamento"):
        assert _norm(v[slot]) in {_norm(w) for w in written}, (slot, v[slot])


ALL_MARKS = {slot: value for slot, value in zip(SLOTS, [
    "> 50%", "- 10% rispetto al 2016", ">= 95%", "+ 5%", "1. livello", "# 3 sedute", "* nota", "< 2 %",
    "≥ 90% [a](b)", "~ 1) 3 | 4 _x_", "`12` &amp; &lt;b&gt;", "1.000,50 € **", "entro il 30/06 > o =", "– 3",
    "2.300 / 8 \\*", "a.s. 2022/2023"])}


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@example(ALL_MARKS)
@given(st.fixed_dictionaries({slot: values for slot in SLOTS}))
def test_every_value_is_shown_as_written(tmp_path_factory, v):
    """A property test over real builds: every value, whatever marks it starts or is made with, appears
    verbatim in the page's cells, the chart captions, the print page and the open data."""
    v = dict(v)
    if re.fullmatch(r"\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*", v["scadenza"]):
        v["scadenza"] += " circa"  # a date-like deadline must be a real date: not this test's subject
    root = _site(tmp_path_factory.mktemp("valori"), v)
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    _assert_verbatim(root, v)


def test_segrate_tables_keep_the_comparison_signs(built):
    """Segrate's institutional objectives: «> 50%», «> 70%» in the targets, never «50%»."""
    site = REPO / "examples" / "segrate"
    found = {}
    for html in (built("segrate") / "piao").rglob("obiettivi/*/index.html"):
        text = Page(html.read_text(encoding="utf-8")).text
        for target in ("> 50%", "> 70%"):
            found[target] = found.get(target, 0) + text.count(target)
    assert found["> 50%"] >= 10 and found["> 70%"] >= 1, found
    data = "\n".join(p.read_text(encoding="utf-8") for p in (site / "data" / "obiettivi").glob("*.yaml"))
    assert found["> 50%"] >= data.count("valore: '> 50%'") + data.count("valore: '>50%'") - 2


# --- The recount: every value of every data file of the repository's sites is on some page. ---

SITES = [name for name in SITE_NAMES if name != "nuovo"]  # the repository's sites (the new one has no values)
# What the site deliberately does not publish as page text, in one place (checked absent where private).
NOT_PUBLISHED = {
    "id", "struttura", "parte_di", "obiettivo_strategico", "strutture_coinvolte", "azioni_positive", "obiettivi",
    "obiettivo_valore_pubblico", "rischi", "processi", "trasmissione", "pubblicazione", "voce",  # identifiers: they are in the addresses and links, not in the text
    "url", "sito", "documento_origine_url", "stemma", "testo_origine",  # addresses and files: in links and metadata
    "sezione_piano_tipo", "documento", "semplificato", "approva_il_piano", "finale", "peso_totale_per_struttura",
    "annualita", "tempo_risposta_giorni", "violazioni", "pagine", "anno", "licenza_dati", "elemento", "tipo_modifica",
}
PRIVATE = {"nome"}  # under «personale»: names of non-managerial staff (mostra_nomi_personale: false)


def _scalars(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _scalars(item, path + (str(key),))
    elif isinstance(value, list):
        for item in value:
            yield from _scalars(item, path)
    elif value is not None and not isinstance(value, bool):
        yield path, str(value)


def _published_text(site_dir: Path) -> str:
    return " ".join(Page(p.read_text(encoding="utf-8")).text for p in site_dir.rglob("*.html"))


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_recount_every_value_of_the_data_is_published(built, name):
    site = project(name)  # its data; the site is the session's strict build of it
    text = _norm(_published_text(built(name)))
    missing, leaked = [], []
    for data_file in sorted((site / "data").rglob("*.yaml")):
        document = yaml.safe_load(data_file.read_text(encoding="utf-8")) or {}
        for path, value in _scalars(document):
            key = path[-1] if path else ""
            if key in NOT_PUBLISHED or (key == "tipo" and "modifiche" in path):
                continue
            if "personale" in path and key in PRIVATE:
                if _norm(value) in text:
                    leaked.append((data_file.name, path, value))
                continue
            shown = _norm(value)
            if key == "periodo" and re.fullmatch(r"\d{4}-\d{2}", value.strip()):
                from trasparenza.analysis.index import period_label

                shown = period_label(value.strip())  # a month of a cronoprogramma: «febbraio 2024»
            if shown in text:
                continue
            from trasparenza.render import text as prose
            from trasparenza.model.types import Prosa

            if _norm(prose.plain(Prosa(value))) in text or _norm(Page(prose.block(Prosa(value))).text) in text:
                continue  # prose: its words, without Markdown's marks
            missing.append((str(data_file.relative_to(site)), ".".join(path), value[:80]))
    assert not leaked, leaked
    assert not missing, f"{len(missing)} valori non pubblicati: {missing[:60]}"
