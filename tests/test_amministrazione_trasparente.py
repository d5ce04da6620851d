"""The site as ANAC's crawler and AgID's validator read it: the official tree's labels from the home
page, the obligation pages, the Piano tipo, and AgID's checks with their pass and fail fixtures."""

from __future__ import annotations

import re

import shutil
import typing
from pathlib import Path

import pytest
from conftest import Page, build, write_site

from trasparenza.quality import a11y
from trasparenza.quality import agid as agid_check
from trasparenza.quality import anac as at_check
from trasparenza.site import at_tree
import trasparenza.cli.main as cli
from trasparenza.model.trasparenza import IdObbligo

FIXTURES = Path(__file__).parent / "fixtures" / "agid"
PUBLIC = "https://trasparenza.comune.example.it/"


@pytest.fixture(scope="module")
def root_site(built) -> Path:
    return built("alessandria")


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# --- the crawler's walk ---

def test_crawler_reaches_every_obligation_from_the_home_page(root_site):
    steps = at_check.walk(root_site)
    missing = [f"{' › '.join(s.etichette)}: {s.motivo}" for s in steps if s.url is None]
    assert not missing
    reached = {s.etichette: s.url.removeprefix(at_check.BASE) for s in steps}
    root = ("Amministrazione Trasparente",)
    assert reached[root] == "amministrazione-trasparente/"
    for path in at_tree.obblighi():
        voce = path[-1]
        url = reached[root + tuple(v.etichetta for v in path)]
        assert url.endswith(f"/{voce.id}/"), (voce.etichetta, url)
        assert Page(html(root_site, url)).headings[0][1] == voce.etichetta
    assert reached[root + ("Organizzazione", "Articolazione degli uffici", "Organigramma")].endswith(
        "articolazione-uffici/#organigramma")
    # every obligation of the issue, with the exact official label
    labels = {s.etichette[-1] for s in steps}
    assert {"Piano triennale per la prevenzione della corruzione e della trasparenza",
            "Documenti di programmazione strategico-gestionale", "Articolazione degli uffici", "Dotazione organica",
            "Sistema di misurazione e valutazione della Performance", "Piano della Performance",
            "Relazione sulla Performance", "Obiettivi di accessibilità",
            "Catalogo dei dati, metadati e delle banche dati"} <= labels


def test_crawler_stops_where_a_label_is_not_the_official_one(root_site, tmp_path):
    site = shutil.copytree(root_site, tmp_path / "site")
    page = site / "amministrazione-trasparente/performance/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(">Piano della Performance<", ">Obiettivi dell'anno<"),
                    encoding="utf-8")
    steps = {s.etichette[-1]: s for s in at_check.walk(site)}
    assert steps["Piano della Performance"].url is None
    assert "nessun collegamento contiene «Piano della Performance»" in steps["Piano della Performance"].motivo
    assert steps["Relazione sulla Performance"].url is not None


def test_crawler_matching_follows_the_rule_service():
    match = at_check.match
    assert match("Piano della Performance", "Piano della Performance") == 0
    assert match("Piano della Performance", "Piano delle performance 2025-2027") == 0  # digits separate, stems
    assert match("Relazione sulla Performance", "Relazioni sulle Performance") == 0
    assert match("Disposizioni Generali", "disposizioni generali") == 0
    assert match("Piano della Performance", "Obiettivi di performance") is None
    assert match("Obiettivi di accessibilità", "Obiettivi di accessibilita") == 0  # accents do not matter
    assert match("Performance", "Performance " + "x" * 1000) is None  # long text is ignored
    links = at_check.links_of('<a href="a/">Relazione sulla performance 2024</a>'
                              '<a href="b/"><img src="p.png" alt="Performance"></a><a href="c/">Performance</a>')
    assert at_check.best_link("Performance", links).href == "b/"  # image alt; fewest extra words, then first


# --- the obligation pages ---

def test_obligation_pages_say_what_they_hold_its_legal_basis_and_dates(root_site):
    ptpct = html(root_site, "amministrazione-trasparente/disposizioni-generali/piano-prevenzione-corruzione")
    assert "Art. 10, c. 8, lett. a), d.lgs. n. 33/2013" in ptpct
    assert 'href="../../../piao/2022-2024/rischi-corruttivi-trasparenza/"' in ptpct
    assert "Pubblicato il" in ptpct and "Ultimo aggiornamento" in ptpct
    # the data hold no SMVP and the configuration gives no address: said plainly, pointing to the ente's site
    smvp = html(root_site, "amministrazione-trasparente/performance/sistema-misurazione-valutazione")
    assert "non contengono questo documento" in smvp and 'href="https://www.comune.alessandria.it/homepage"' in smvp
    # no monitoring data: the section on how the plan is monitored is not passed off as the Relazione
    relazione = html(root_site, "amministrazione-trasparente/performance/relazione-performance")
    assert "non contengono questo documento" in relazione and "monitoraggio/" not in relazione
    piano = html(root_site, "amministrazione-trasparente/performance/piano-performance")
    assert 'href="../../../piao/2022-2024/obiettivi/"' in piano
    documenti = html(root_site, "amministrazione-trasparente/disposizioni-generali/atti-generali/documenti-programmazione")
    assert 'href="../../../../piao/2022-2024/"' in documenti
    obiettivi = html(root_site, "amministrazione-trasparente/altri-contenuti/accessibilita-catalogo-dati/obiettivi-accessibilita")
    assert "accessibilita/obiettivi/" in obiettivi


def test_articolazione_degli_uffici_follows_anac_scheme_and_nests_the_organigram(tmp_path):
    root = write_site(tmp_path / "s", {"struttura.yaml": """
        strutture:
          - id: area-servizi
            tipo: area
            nome: Area servizi al cittadino
            competenze: Servizi demografici, scuola e cultura.
            telefono: 0123 456789
            email: servizi@comune.prova.it
            pec: servizi@pec.comune.prova.it
            dirigente:
              nome: dott.ssa Anna Rossi
          - id: ufficio-scuola
            tipo: servizio
            nome: Servizio istruzione
            parte_di: area-servizi
            responsabile:
              nome: Mario Bianchi
              qualifica: Responsabile E.Q.
    """})
    assert build(root).returncode == 0
    page = html(root / "site_build", "amministrazione-trasparente/organizzazione/articolazione-uffici")
    parsed = Page(page)
    rows = parsed.table("Uffici")["rows"]
    assert rows[0] == ["Ufficio", "Tipologia", "Competenze", "Responsabile", "Recapiti"]
    assert rows[1][1] == "Area, ufficio dirigenziale" and rows[1][2] == "Servizi demografici, scuola e cultura."
    assert "Dirigente: dott.ssa Anna Rossi" in rows[1][3] and "PEC servizi@pec.comune.prova.it" in rows[1][4]
    assert rows[2][1] == "Servizio, ufficio non dirigenziale" and rows[2][4] == "Non indicati nel piano"
    organigram = page.split('id="organigramma"')[1]
    assert organigram.index("Area servizi al cittadino") < organigram.index("<ul>") < organigram.index("Servizio istruzione")


def test_an_address_in_trasparenza_yaml_fills_the_obligation_and_the_privacy_link(tmp_path):
    root = write_site(tmp_path / "s", {"trasparenza.yaml": """
        informativa_privacy: https://www.comune.prova.it/privacy
        contatto_rpd: rpd@comune.prova.it
        pubblicati_altrove:
          sistema-misurazione-valutazione:
            url: https://www.comune.prova.it/smvp
            descrizione: Sistema approvato con delibera n. 12/2023
    """})
    assert build(root).returncode == 0
    site = root / "site_build"
    smvp = html(site, "amministrazione-trasparente/performance/sistema-misurazione-valutazione")
    assert 'href="https://www.comune.prova.it/smvp"' in smvp and "delibera n. 12/2023" in smvp
    assert "non contengono" not in smvp
    home = html(site, "")
    assert 'data-element="privacy-policy-link" href="https://www.comune.prova.it/privacy"' in home
    assert "rpd@comune.prova.it" in html(site, "privacy")


def test_an_unknown_obligation_in_trasparenza_yaml_is_an_error_at_its_line(tmp_path):
    root = write_site(tmp_path / "s", {"trasparenza.yaml": """
        pubblicati_altrove:
          bilanci:
            url: https://www.comune.prova.it/bilanci
    """})
    result = build(root)
    assert result.returncode != 0
    assert "data/trasparenza.yaml:2" in result.stderr and "Traceback" not in result.stderr


def test_obligation_ids_are_the_keys_of_the_configuration():
    assert {path[-1].id for path in at_tree.obblighi()} == set(typing.get_args(IdObbligo))


# --- the Piano tipo ---

def test_the_plan_follows_the_piano_tipo_and_the_simplified_piao(tmp_path, root_site):
    plan = html(root_site, "piao/2022-2024")
    order = [plan.index(f'<span class="tp-codice">{code}</span>') for code in ("1", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4")]
    assert order == sorted(order)
    assert 'href="../../piao/2022-2024/rischi-corruttivi-trasparenza/"' not in plan  # relative to the plan's page
    assert 'href="rischi-corruttivi-trasparenza/"' in plan.split('tp-codice">2.3')[1].split("tp-codice")[0]
    root = write_site(tmp_path / "s", {"piano.yaml": """
        titolo: PIAO semplificato 2024-2026
        triennio: 2024-2026
        semplificato: true
    """, "valore-pubblico.yaml": None, "obiettivi/area-servizi.yaml": None, "azioni-positive.yaml": None})
    assert build(root).returncode == 0
    simple = html(root / "site_build", "piao/2024-2026")
    assert "forma semplificata" in simple
    assert simple.count("Non prevista nel PIAO semplificato") == 3  # 2.1, 2.2 and 4
    performance = html(root / "site_build", "amministrazione-trasparente/performance/piano-performance")
    assert "PIAO semplificato" in performance and "non contiene la sezione 2.2" in performance


# --- the look of an Italian public body ---

def test_coat_of_arms_from_the_data_folder_and_the_slim_bar(tmp_path):
    root = write_site(tmp_path / "s", {"ente.yaml": """
        denominazione: Comune di Prova
        sito: https://www.comune.prova.it
        stemma: stemma.svg
    """})
    (root / "data" / "stemma.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 12">'
                                              '<path d="M0 0h10v7l-5 5-5-5z" fill="#06c"/></svg>', encoding="utf-8")
    assert build(root).returncode == 0
    home = html(root / "site_build", "")
    assert (root / "site_build/assets/stemma.svg").is_file()
    # The site's name comes from the data, whatever mkdocs.yml says («Prova»).
    assert re.search(r'<img src="assets/stemma.svg" alt="Comune di Prova – PIAO \d{4}-\d{4}: pagina iniziale" '
                     'class="tp-stemma" width="10" height="12">', home)  # sized: nothing moves when it arrives
    assert '<div class="tp-barra-ente"><div class="md-grid">' in home and 'href="https://www.comune.prova.it">Comune di Prova</a>' in home
    (root / "data" / "stemma.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                                              encoding="utf-8")
    result = build(root)
    assert result.returncode != 0 and "lo stemma non si può pubblicare: dopo la pulizia" in result.stderr
    (root / "data" / "stemma.svg").unlink()
    result = build(root)
    assert result.returncode != 0 and "il file dello stemma «stemma.svg» non esiste" in result.stderr


def test_footer_links_follow_the_url_scheme_and_third_party_settings_are_refused(tmp_path):
    root = write_site(tmp_path / "s")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    assert build(root).returncode == 0
    home = (root / "site_build/index.html").read_text(encoding="utf-8")
    assert 'data-element="legal-notes" href="note-legali.html"' in home
    assert (root / "site_build/note-legali.html").is_file() and (root / "site_build/privacy.html").is_file()
    config.write_text(config.read_text(encoding="utf-8") + "repo_url: https://github.com/comune/piao\n",
                      encoding="utf-8")
    result = build(root)
    assert result.returncode != 0 and "repo_url" in result.stderr and "server di terzi" in result.stderr


def test_fonts_are_served_by_the_site_with_their_licence(root_site):
    css = (root_site / "assets/trasparenza.css").read_text(encoding="utf-8")
    assert '--md-text-font: "Titillium Web"' in css and '--md-code-font: "Roboto Mono"' in css
    for name in ("titillium-web-latin-400-normal.woff2", "roboto-mono-latin-400-normal.woff2", "OFL-titillium-web.txt"):
        assert (root_site / "assets/fonts" / name).is_file()
    assert "fonts.googleapis" not in html(root_site, "")


# --- AgID's checks: their fixtures, then the root site ---

@pytest.fixture(scope="module")
def chromium(browser):
    return browser


@pytest.fixture(scope="module")
def fixtures_url():
    with a11y.LocalServer(FIXTURES) as server:
        yield server.url


def _open(chromium, url):
    context = chromium.new_context()
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.parametrize("name, score", [("font_pass", 1), ("font_fail", 0), ("font_fail_05", 0.5)])
def test_font_check_scores_its_fixtures(chromium, fixtures_url, name, score):
    context, page = _open(chromium, f"{fixtures_url}{name}.html")
    assert agid_check.fonts([(name, agid_check.fonts_of(page))]).punteggio == score
    context.close()


@pytest.mark.parametrize("name, check, score", [
    ("accessibility_pass", agid_check.accessibility_link, 1),
    ("accessibility_fail_link", agid_check.accessibility_link, 0),
    ("accessibility_fail_data_element", agid_check.accessibility_link, 0),
    ("privacy_pass", agid_check.privacy_link, 1),
    ("privacy_fail", agid_check.privacy_link, 0),
])
def test_footer_link_checks_score_their_fixtures(chromium, fixtures_url, name, check, score):
    context, page = _open(chromium, f"{fixtures_url}{name}.html")
    assert check(page).punteggio == score
    context.close()


@pytest.mark.parametrize("name, score", [("license_pass", 1), ("license_fail", 0)])
def test_licence_check_scores_its_fixtures(chromium, fixtures_url, name, score):
    context, page = _open(chromium, f"{fixtures_url}{name}.html")

    def open_page(url):
        other = context.new_page()
        other.goto(url)
        return other

    assert agid_check.licence(page, open_page).punteggio == score
    context.close()


def test_cookie_check_accepts_the_sites_host_only(chromium):
    context = chromium.new_context()
    assert agid_check.cookies(context, "comune.example.it").punteggio == 1
    context.add_cookies([{"name": "tema", "value": "1", "domain": "comune.example.it", "path": "/"}])
    assert agid_check.cookies(context, "comune.example.it").punteggio == 1
    context.add_cookies([{"name": "_ga", "value": "1", "domain": ".example.it", "path": "/"}])
    result = agid_check.cookies(context, "comune.example.it")
    assert result.punteggio == 0 and "_ga (.example.it)" in result.dettaglio
    context.close()


def test_agid_checks_pass_on_the_root_site(root_site):
    paths = [""] + [p for p in a11y.site_pages(root_site) if p.startswith(("amministrazione-trasparente", "note-legali",
                                                                           "privacy", "piao/2022-2024/obiettivi/"))]
    results = agid_check.check_site(root_site, paths, PUBLIC)
    assert [r.codice for r in results] == ["C.SI.1.1", "C.SI.3.1", "C.SI.3.2", "C.SI.3.3", "C.SI.3.4"]
    assert all(r.punteggio == 1 for r in results), [r.format() for r in results]
    assert results[1].dettaglio == "nessun cookie"


def test_check_at_command_reports_the_walk_and_the_checks(root_site, capsys):
    assert cli.main(["check-at", str(root_site), "--indirizzo", PUBLIC]) == 0
    out = capsys.readouterr().out
    assert "Performance › Relazione sulla Performance → /amministrazione-trasparente/performance/relazione-performance/" in out
    assert "C.SI.3.4 Licenza dei contenuti: superato" in out
    assert "Esito: tutte le voci raggiunte e tutti i controlli superati." in out
