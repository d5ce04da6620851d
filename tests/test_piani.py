"""Several plans in one site: data/piani/<triennio>/, stable URLs, home and menu, other years, dates."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import MINI, broken_links, build, mkdocs, page, write_site

SHARED = {name: MINI[name] for name in ("ente.yaml", "accessibilita.yaml")}
PLAN_FILES = ("struttura.yaml", "valore-pubblico.yaml", "azioni-positive.yaml", "obiettivi/area-servizi.yaml")


def plan(triennio: str, extra: dict | None = None, *, folder: str | None = None, **piano) -> dict:
    """The files of one plan under data/piani/<folder>/, MINI's objectives and units."""
    start = triennio[:4]
    lines = [f"titolo: Piano integrato di attività e organizzazione {triennio}", f"triennio: {triennio}",
             f"annualita: {start}"] + [f"{k}: {v}" for k, v in piano.items()]
    files = {"piano.yaml": "\n".join(lines) + "\n"}
    files.update({name: MINI[name] for name in PLAN_FILES})
    files.update(extra or {})
    return {f"piani/{folder or triennio}/{name}": text for name, text in files.items()}


def multi_site(root, *plans: dict, files: dict | None = None):
    base = dict(SHARED)
    for p in plans:
        base.update(p)
    return write_site(root, files, base=base)


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory):
    root = multi_site(tmp_path_factory.mktemp("piani"),
                      plan("2023-2025", pubblicato_il="31/01/2023"),
                      plan("2024-2026", pubblicato_il="30/01/2024", aggiornato_il="15/07/2024"))
    (root / "content" / "index.md").unlink()  # the home page is generated
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site_build"


def test_each_plan_has_its_own_stable_urls(two_plans):
    for triennio in ("2023-2025", "2024-2026"):
        assert (two_plans / f"piao/{triennio}/obiettivi/mense-digitali/index.html").is_file()
        assert (two_plans / f"piao/{triennio}/strutture/area-servizi/index.html").is_file()
    assert broken_links(two_plans) == []


def test_the_home_page_lists_the_plan_in_force_first_then_the_others(two_plans):
    home = page(two_plans, "/")
    assert home.headings[0] == (1, "Comune di Prova")
    text = home.text[home.text.index("Il piano in vigore"):]  # the content, after the menu
    assert text.index("2024-2026") < text.index("Piani precedenti") < text.index("PIAO 2023-2025")
    assert "pubblicato il 30/01/2024, aggiornato il 15/07/2024" in text
    assert "pubblicato il 31/01/2023" in text
    archive = page(two_plans, "/piao/").table("Piani pubblicati")
    rows = archive["rows"][1:]  # after the header row
    assert [row[0] for row in rows] == ["PIAO 2024-2026", "PIAO 2023-2025"]  # short row headers; titles beside
    # Five years from 1 January of the year after publication (d.lgs. 33/2013, art. 8).
    assert rows[1][2:] == ["precedente", "31/01/2023", "31/01/2023", "31/12/2028"]


def test_every_page_says_which_plan_it_belongs_to(two_plans):
    old = page(two_plans, "/piao/2023-2025/obiettivi/mense-digitali/")
    assert "PIAO 2023-2025: piano precedente, non più in vigore. Il piano in vigore è il PIAO 2024-2026" in old.text
    assert "../../../2024-2026/" in old.links
    new = page(two_plans, "/piao/2024-2026/obiettivi/mense-digitali/")
    assert "PIAO 2024-2026: il piano in vigore." in new.text


def test_an_id_that_persists_links_its_other_years(two_plans):
    old = page(two_plans, "/piao/2023-2025/obiettivi/mense-digitali/")
    assert "Lo stesso obiettivo negli altri anni" in old.text
    assert "../../../2024-2026/obiettivi/mense-digitali/" in old.links
    unit = page(two_plans, "/piao/2024-2026/strutture/area-servizi/")
    assert "../../../2023-2025/strutture/area-servizi/" in unit.links


def test_the_menu_puts_the_plan_in_force_first(two_plans):
    html = (two_plans / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"'):]
    assert nav.index("PIAO 2024-2026") < nav.index("Piani precedenti") < nav.index("PIAO 2023-2025")


def test_pages_show_their_dates_from_the_data(two_plans):
    new = page(two_plans, "/piao/2024-2026/obiettivi/mense-digitali/")
    assert "Pubblicato il 30/01/2024 · Ultimo aggiornamento: 15/07/2024" in new.text
    html = (two_plans / "piao/2024-2026/obiettivi/mense-digitali/index.html").read_text(encoding="utf-8")
    assert '<meta name="dcterms.issued" content="2024-01-30">' in html
    assert '<meta name="dcterms.modified" content="2024-07-15">' in html


def commit(root, when: str, message: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="Ufficio",
               GIT_AUTHOR_EMAIL="u@example.org", GIT_COMMITTER_NAME="Ufficio", GIT_COMMITTER_EMAIL="u@example.org")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def test_without_dates_in_the_data_the_git_history_gives_them(tmp_path):
    root = multi_site(tmp_path, plan("2024-2026"))
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)

    def commit(when: str, message: str) -> None:
        globals()["commit"](root, when, message)

    commit("2024-02-01T10:00:00", "Piano 2024-2026")
    unit_file = root / "data/piani/2024-2026/struttura.yaml"
    unit_file.write_text(unit_file.read_text(encoding="utf-8").replace("Servizio istruzione", "Servizio scuola"),
                         encoding="utf-8")
    commit("2024-03-05T10:00:00", "Nome del servizio")
    assert build(root).returncode == 0
    site = root / "site_build"
    unit = page(site, "/piao/2024-2026/strutture/ufficio-scuola/")
    assert "Pubblicato il 01/02/2024 · Ultimo aggiornamento: 05/03/2024" in unit.text
    action = page(site, "/piao/2024-2026/azioni-positive/conciliazione/")  # its file did not change
    assert "Pubblicato il 01/02/2024 · Ultimo aggiornamento: 01/02/2024" in action.text
    written = page(site, "/")  # the hand-written home page: its own file's history
    assert "Pubblicato il 01/02/2024" in written.text
    # Rebuilding later changes nothing: the build time is never a date of the page.
    before = (site / "piao/2024-2026/strutture/ufficio-scuola/index.html").read_text(encoding="utf-8")
    assert build(root).returncode == 0
    assert (site / "piao/2024-2026/strutture/ufficio-scuola/index.html").read_text(encoding="utf-8") == before


def test_a_plan_past_its_publication_period_is_reported(tmp_path):
    root = multi_site(tmp_path, plan("2017-2019", pubblicato_il="31/01/2017"), plan("2024-2026"))
    result = build(root)  # a warning: --strict refuses it, the office decides
    assert result.returncode == 1
    assert ("data/piani/2017-2019/piano.yaml:2:11: avviso [triennio]: il PIAO 2017-2019 doveva restare pubblicato "
            "fino al 31/12/2022") in result.stderr
    assert "sposta la cartella data/piani/2017-2019 fuori da data/" in result.stderr
    relaxed = mkdocs(root, "build")
    assert relaxed.returncode == 0, relaxed.stderr
    assert (root / "site_build/piao/2017-2019/index.html").is_file()


@pytest.mark.parametrize("files, message", [
    ({"piani/2023-2025/ente.yaml": "denominazione: Comune di Prova\n"},
     "data/piani/2023-2025/ente.yaml:1:1: errore: ente.yaml è comune a tutti i piani"),
    ({"piano.yaml": "titolo: Piano\n"},
     "data/piano.yaml:1:1: errore: file non riconosciuto: non verrebbe pubblicato\n    come correggere: ogni piano "
     "ha i suoi dati nella sua cartella: sposta il file in data/piani/<triennio>/"),
])
def test_shared_files_are_written_once_and_plan_files_inside_their_plan(tmp_path, files, message):
    root = multi_site(tmp_path, plan("2023-2025"), files=files)
    result = build(root)
    assert result.returncode == 1
    assert message in result.stderr


def test_two_plans_of_the_same_period_are_refused(tmp_path):
    root = multi_site(tmp_path, plan("2024-2026"), plan("2024-2026", folder="2024-2026-bis"))
    result = build(root)
    assert result.returncode == 1
    assert "avviso [triennio]: il piano 2024-2026 è nella cartella «2024-2026-bis»" not in result.stderr
    assert "errore [triennio]: il triennio 2024-2026 è già di un altro piano" in result.stderr


def test_dates_are_never_borrowed_from_the_history_of_another_ente(tmp_path):
    """A repository that published another comune's plan, then this one's: nothing of this site is dated
    before its ente's data was committed; a date in the data wins; a shallow clone dates nothing, and says so."""
    root = multi_site(tmp_path / "repo", plan("2024-2026"))
    ente = root / "data" / "ente.yaml"
    own = ente.read_text(encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    ente.write_text(own.replace("Comune di Prova", "Comune di Altrove"), encoding="utf-8")
    commit(root, "2022-03-01T10:00:00", "Il sito di un altro ente")
    ente.write_text(own, encoding="utf-8")
    commit(root, "2024-05-10T10:00:00", "Il nostro ente")
    assert build(root).returncode == 0
    unit = page(root / "site_build", "/piao/2024-2026/strutture/ufficio-scuola/")
    assert "Pubblicato il 10/05/2024 · Ultimo aggiornamento: 10/05/2024" in unit.text
    assert "01/03/2022" not in unit.text

    piano = root / "data/piani/2024-2026/piano.yaml"
    piano.write_text(piano.read_text(encoding="utf-8") + "pubblicato_il: 31/01/2024\n", encoding="utf-8")
    commit(root, "2024-06-01T10:00:00", "Data di pubblicazione")
    assert build(root).returncode == 0
    assert "Pubblicato il 31/01/2024" in page(root / "site_build", "/piao/2024-2026/strutture/ufficio-scuola/").text

    # Uncommitted data of a new ente: the history is all another's.
    ente.write_text(own.replace("Comune di Prova", "Comune di Nuovo"), encoding="utf-8")
    piano.write_text(piano.read_text(encoding="utf-8").replace("pubblicato_il: 31/01/2024\n", ""), encoding="utf-8")
    assert build(root).returncode == 0
    assert "Pubblicato il" not in page(root / "site_build", "/piao/2024-2026/strutture/ufficio-scuola/").text

    ente.write_text(own, encoding="utf-8")
    commit(root, "2024-07-01T10:00:00", "Date dalla storia")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(shallow)], check=True)
    result = build(shallow)
    assert result.returncode == 1 and "copia «shallow»" in result.stderr and "fetch-depth: 0" in result.stderr
