"""A large plan stays light: no page grows with the plan, the search index is built from the model and
still finds what citizens look for (issue 13). Real builds of a synthetic plan (bench/genera.py's shape)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ENV, build, page, write_site

from trasparenza.analysis.index import ELENCO_COMPLETO_FINO_A
from trasparenza.render.search import MAX_TEXT

UNITS = 4


def _objectives(count: int) -> dict[str, str]:
    units = [{"id": f"settore-{u}", "tipo": "settore", "nome": f"Settore {u}", "dirigente": {"nome": f"Dirigente {u}"}}
             for u in range(UNITS)]
    files = {"struttura.yaml": yaml.safe_dump({"strutture": units}, allow_unicode=True),
             "obiettivi/area-servizi.yaml": None, "azioni-positive.yaml": None}
    for u in range(UNITS):
        items = [{"id": f"obiettivo-{i}", "codice": str(i), "titolo": f"Obiettivo {i} del settore {u}",
                  "finalita": f"Finalità numero {i}: migliorare il servizio. " * 3,
                  "fasi": [{"codice": "1", "descrizione": f"Fase unica {i}", "incidenza": 100, "scadenza": "30/06/2024"}],
                  "indicatori": [{"nome": f"Indicatore zafferano {i}", "tipo": "quantità", "valore_atteso": "90%"}]}
                 for i in range(u, count, UNITS)]
        files[f"obiettivi/settore-{u}.yaml"] = yaml.safe_dump({"struttura": f"settore-{u}", "obiettivi": items},
                                                              allow_unicode=True)
    return files


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A plan just over the size at which indexes point to the units' pages."""
    root = write_site(tmp_path_factory.mktemp("grande") / "sito", _objectives(ELENCO_COMPLETO_FINO_A + 9))
    result = build(root)
    assert result.returncode == 0, result.stderr
    # Large enough for the worker processes (parallel.py): they end without a word.
    assert "processi in parallelo" in result.stderr
    assert "Traceback" not in result.stderr and "ForkPoolWorker" not in result.stderr, result.stderr
    return root / "site_build"


def _build_with(large, prelude: str, folder: str):
    """The large site built again into `folder` by a build that first runs `prelude`."""
    other = large.parent / folder
    code = f"import os, sys; {prelude}; from mkdocs.__main__ import cli; sys.exit(cli())"
    result = subprocess.run([sys.executable, "-c", code, "build", "--strict", "-d", str(other)],
                            cwd=large.parent, env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return other, result.stderr


def _same_files(one, other):
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    assert [f for f in files if (one / f).read_bytes() != (other / f).read_bytes()] == []


def test_the_workers_build_the_same_site_as_one_process(large):
    other, said = _build_with(large, "os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})", "un-processo")
    assert "processi in parallelo" not in said
    _same_files(large, other)


def test_if_the_workers_cannot_start_the_build_makes_their_pages_itself(large):
    # The pages meant for the workers then go through the theme's own template in the build process.
    other, said = _build_with(large, "import trasparenza.publishing.parallel as p; p.start = lambda *a: None", "senza-processi")
    assert "processi in parallelo" not in said
    _same_files(large, other)


def test_an_objective_links_its_neighbours_and_its_unit_not_the_whole_unit(large):
    html = (large / "piao/2024-2026/obiettivi/obiettivo-9/index.html").read_text(encoding="utf-8")
    section = html.split("Altri obiettivi della struttura", 1)[1].split("<h2", 1)[0]
    assert re.findall(r'href="\.\./(obiettivo-\d+)/"', section) == ["obiettivo-5", "obiettivo-13"]
    assert "Precedente:" in section and "Successivo:" in section
    assert 'href="../../strutture/settore-1/"' in section and "Tutti gli obiettivi di Settore 1 (77)" in section
    first = (large / "piao/2024-2026/obiettivi/obiettivo-1/index.html").read_text(encoding="utf-8")
    assert "Precedente:" not in first.split("Altri obiettivi della struttura", 1)[1].split("<h2", 1)[0]


def test_objective_pages_do_not_grow_with_the_plan(large, mini_site):
    small = (mini_site / "piao/2024-2026/obiettivi/mense-digitali/index.html").stat().st_size
    sizes = [p.stat().st_size for p in (large / "piao/2024-2026/obiettivi").glob("obiettivo-*/index.html")]
    assert len(sizes) == ELENCO_COMPLETO_FINO_A + 9
    assert max(sizes) < 2 * small


def test_a_large_plan_indexes_and_prints_by_unit(large):
    index = page(large, "piao/2024-2026/obiettivi/")
    assert "Numero di obiettivi per struttura" in index.text and "obiettivi/obiettivo-0/" not in index.links
    assert sum(1 for link in index.links if "strutture/settore-" in link) == UNITS
    printed = page(large, "piao/2024-2026/stampa/")
    units = [link for link in printed.links if re.fullmatch(r"settore-\d/", link)]
    assert units == [f"settore-{u}/" for u in range(UNITS)]
    unit = (large / "piao/2024-2026/stampa/settore-2/index.html").read_text(encoding="utf-8")
    assert unit.count('<h2 id="obiettivo-') == len(range(2, ELENCO_COMPLETO_FINO_A + 9, UNITS))
    ids = re.findall(r'\sid="([^"]+)"', unit)
    assert len(ids) == len(set(ids))


def test_the_search_index_comes_from_the_model_and_finds_what_citizens_look_for(large):
    docs = json.loads((large / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    by_location = {}
    for doc in docs:
        by_location.setdefault(doc["location"].split("#", 1)[0], []).append(doc)
    entry = by_location["piao/2024-2026/obiettivi/obiettivo-42/"]
    assert len(entry) == 1, "one entry per objective, not one per section of its HTML"
    text = entry[0]["text"]
    assert entry[0]["title"] == "Obiettivo 42: Obiettivo 42 del settore 2"
    for wanted in ("Settore 2", "Dirigente 2", "Indicatore zafferano 42", "Finalità numero 42"):
        assert wanted in text
    assert all(len(doc["text"]) <= MAX_TEXT + 2 for doc in docs if "/obiettivi/" in doc["location"])
    assert not any("stampa/" in location for location in by_location)
    unit = by_location["piao/2024-2026/strutture/settore-3/"][0]
    assert "Dirigente 3" in unit["text"] and "Obiettivo 7" not in unit["text"]
    size = (large / "search/search_index.json").stat().st_size
    assert size / len(list(large.rglob("index.html"))) < 1500
    # Hand-written pages keep the theme's own indexing.
    assert "" in by_location and "privacy/" in by_location


def test_a_small_plan_keeps_its_whole_index_and_print_page(mini_site):
    index = page(mini_site, "piao/2024-2026/obiettivi/")
    assert "mense-digitali/" in index.links and "Numero di obiettivi per struttura" not in index.text
    printed = (mini_site / "piao/2024-2026/stampa/index.html").read_text(encoding="utf-8")
    assert '<h4 id="obiettivo-mense-digitali">' in printed
    assert not (mini_site / "piao/2024-2026/stampa/area-servizi").exists()


def test_a_large_plans_print_pages_are_linked_and_say_what_they_hold(large):
    unit = page(large, "piao/2024-2026/strutture/settore-1/")
    assert "../../stampa/settore-1/" in unit.links
    home = (large / "piao/2024-2026/index.html").read_text(encoding="utf-8")
    assert "una per struttura" in home and "in un'unica pagina" not in home
    printed = (large / "piao/2024-2026/stampa/index.html").read_text(encoding="utf-8")
    assert "in un&#x27;unica pagina" not in printed.split("<body", 1)[0]
