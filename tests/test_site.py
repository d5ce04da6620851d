"""Real builds of small sites: pages, tables, cross-links, privacy."""

from __future__ import annotations

from conftest import broken_links, build, mkdocs, page, write_site

BASE = "piao/2024-2026"


def test_a_page_per_objective_unit_and_action(mini_site):
    for url in ("obiettivi/mense-digitali", "obiettivi/biblioteca-aperta", "strutture/area-servizi",
                "strutture/ufficio-scuola", "azioni-positive/conciliazione", "obiettivi", "strutture",
                "azioni-positive", "valore-pubblico", ""):
        assert (mini_site / BASE / url / "index.html").is_file(), url


def test_objective_page_has_phase_and_indicator_tables(mini_site):
    p = page(mini_site, f"{BASE}/obiettivi/mense-digitali")
    assert [h for h in p.headings if h[0] == 1] == [(1, "Obiettivo 1: Iscrizioni digitali alle mense")]
    fasi = p.table("Fasi dell'obiettivo 1")
    assert fasi["rows"][0] == ["Fase", "Descrizione", "Incidenza", "Scadenza"]
    assert fasi["rows"][1:] == [["1", "Analisi del servizio", "40%", "31/03/2024"],
                                ["2", "Avvio del modulo online", "60%", "30/09/2024"]]
    assert set(fasi["scopes"]) == {"col", "row"}
    indicatori = p.table("Indicatori di risultato")
    assert indicatori["rows"][0] == ["Indicatore", "Tipo", "Valore atteso"]
    assert indicatori["rows"][1] == ["Domande presentate online", "quantità", "≥ 80%"]
    # years in columns, not lists inside cells
    anni = p.table("Valori degli anni precedenti e target per anno")
    assert anni["rows"] == [["Indicatore", "Target 2024", "Target 2025"], ["Domande presentate online", "80%", "90%"]]
    html = (mini_site / f"{BASE}/obiettivi/mense-digitali/index.html").read_text(encoding="utf-8")
    assert '<svg class="tp-grafico" role="img" aria-label="Andamento: Domande presentate online"' in html
    # heard once: no <title> (it would be the description too), the drawing hidden, the summary as text
    chart = html[html.index('<svg class="tp-grafico"'):]
    chart = chart[:chart.index("</svg>")]
    assert "<title" not in chart and '<g aria-hidden="true">' in chart


def test_cross_links_both_ways(mini_site):
    objective = page(mini_site, f"{BASE}/obiettivi/mense-digitali")
    assert "../../strutture/area-servizi/" in objective.links
    assert "../../valore-pubblico/#scuola-inclusiva" in objective.links
    assert "../../azioni-positive/conciliazione/" in objective.links
    unit = page(mini_site, f"{BASE}/strutture/area-servizi")
    assert "../../obiettivi/mense-digitali/" in unit.links
    assert "../ufficio-scuola/" in unit.links  # the unit inside it
    child = page(mini_site, f"{BASE}/strutture/ufficio-scuola")
    assert "../../obiettivi/biblioteca-aperta/" in child.links and "../area-servizi/" in child.links
    action = page(mini_site, f"{BASE}/azioni-positive/conciliazione")
    assert "../../obiettivi/mense-digitali/" in action.links
    strategic = page(mini_site, f"{BASE}/valore-pubblico")
    assert "scuola-inclusiva" in strategic.ids
    assert "../obiettivi/mense-digitali/" in strategic.links
    assert "Missione 12 Diritti sociali" in strategic.text


def test_breadcrumbs_lead_back_to_the_plan(mini_site):
    p = page(mini_site, f"{BASE}/obiettivi/biblioteca-aperta")
    assert p.links[:0] == []
    html = (mini_site / BASE / "obiettivi/biblioteca-aperta/index.html").read_text()
    crumbs = html[html.index('aria-label="Percorso"'):html.index("</nav>", html.index('aria-label="Percorso"'))]
    assert '<a href="../../">PIAO 2024-2026</a>' in crumbs
    assert '<a href="../">Obiettivi</a>' in crumbs
    assert '<a href="../../strutture/ufficio-scuola/">Servizio istruzione</a>' in crumbs
    # The page itself is not a crumb: its title is heard once, from the heading that follows.
    assert "Biblioteca" not in crumbs and "aria-current" not in crumbs


def test_every_internal_link_resolves(mini_site):
    assert broken_links(mini_site) == []


def test_staff_names_hidden_unless_configured(tmp_path, mini_site):
    p = page(mini_site, f"{BASE}/obiettivi/mense-digitali")
    assert "Giulia Verdi" not in p.text and "70%" in p.text
    assert "dott.ssa Anna Rossi" in p.text  # managers are public
    root = write_site(tmp_path / "nomi", plugin={"mostra_nomi_personale": True})
    assert build(root).returncode == 0
    shown = page(root / "site_build", f"{BASE}/obiettivi/mense-digitali")
    assert "Giulia Verdi" in shown.text


def test_unnamed_ente_is_said_not_invented(tmp_path):
    root = write_site(tmp_path / "s", {"ente.yaml": "denominazione: null\n"})
    assert build(root).returncode == 0
    home = page(root / "site_build", BASE)
    assert "Ente non indicato nel documento di origine" in home.text


def test_no_request_to_third_party_hosts(mini_site):
    for html in mini_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html
        for marker in ('src="http', "src='http", 'href="//'):
            assert marker not in text, (html, marker)


def test_prose_is_sanitised_and_never_a_template(tmp_path):
    root = write_site(tmp_path / "s", {"obiettivi/area-servizi.yaml": """
        struttura: area-servizi
        obiettivi:
          - id: x
            titolo: Titolo {{ 7*7 }}
            descrizione: "[clic](javascript:alert(1)) <script>alert(2)</script> <b onclick='x()'>grassetto</b>"
    """})
    result = mkdocs(root, "build")  # not strict: the refused link is a warning for the editor
    assert result.returncode == 0, result.stderr
    assert "«javascript:…» non è un indirizzo web" in result.stderr
    html = (root / "site_build" / BASE / "obiettivi/x/index.html").read_text()
    assert "Titolo {{ 7*7 }}" in html and "49" not in html.split("<h1", 1)[1].split("</h1>")[0]
    assert "javascript:" not in html and "<script>alert(2)" not in html and "onclick" not in html
    assert "<b>grassetto</b>" in html


def test_real_plan_builds_a_page_for_everything(built):
    site = built("alessandria")
    base = site / "piao/2022-2024"
    objectives = [p for p in (base / "obiettivi").iterdir() if p.is_dir()]
    units = [p for p in (base / "strutture").iterdir() if p.is_dir()]
    actions = [p for p in (base / "azioni-positive").iterdir() if p.is_dir()]
    assert (len(objectives), len(units), len(actions)) == (43, 16, 8)
    atm = page(site, "piao/2022-2024/obiettivi/avvocatura-b")
    assert atm.headings[0] == (1, "Obiettivo B: Transazione causa ATM")
    assert atm.table("Fasi")["rows"][1:] == [["1", "redazione proposta", "50%", "31/05/2022"],
                                             ["2", "acquisizione documentazione e decorso", "40%", "31/07/2022"],
                                             ["3", "esito", "10%", "30/11/2022"]]
    assert "Responsabile in P.O." in atm.text and "Avv. Roberto Calcagni" in atm.text
    headless = page(site, "piao/2022-2024/obiettivi/risorse-umane-b")
    assert "Sistema integrato di valutazione della performance del personale dell'Ente" in headless.text
    assert "non è riportata" in headless.text
    html = (site / "piao/2022-2024/azioni-positive/index.html").read_text()
    assert "<li>eliminare le disparità nella formazione scolastica" in html  # prose lists stay lists
    assert broken_links(site) == []


def test_tables_written_in_prose_get_a_caption_and_a_named_region(tmp_path):
    root = write_site(tmp_path / "s", {"obiettivi/area-servizi.yaml": """
        struttura: area-servizi
        obiettivi:
          - id: x
            titolo: T
            descrizione: |
              Tabella: Corsi svolti nel 2024

              | Corso | Ore |
              |---|---|
              | Privacy | 4 |

              | Sede | Posti |
              |---|---|
              | Centro | 20 |
    """})
    assert build(root).returncode == 0, build(root).stderr
    p = page(root / "site_build", f"{BASE}/obiettivi/x")
    assert p.table("Corsi svolti nel 2024")["rows"] == [["Corso", "Ore"], ["Privacy", "4"]]
    assert p.table("Tabella 2: Sede, Posti")["scopes"] == ["col", "col"]
    html = (root / "site_build" / BASE / "obiettivi/x/index.html").read_text()
    # a region named by its caption only while it scrolls (the page's script decides, test_browser)
    assert '<div class="tp-scroll" data-nome="Corsi svolti nel 2024">' in html
    assert "<p>Tabella:" not in html


def test_robots_txt_points_at_the_sitemap_and_a_hand_written_one_is_kept(tmp_path):
    root = write_site(tmp_path / "sito")
    config = root / "mkdocs.yml"
    config.write_text("site_url: https://trasparenza.comune.prova.it/\n" + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    assert build(root).returncode == 0
    robots = (root / "site_build/robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nAllow: /\n\nSitemap: https://trasparenza.comune.prova.it/sitemap.xml\n"
    assert (root / "site_build/sitemap.xml").is_file()
    (root / "content/robots.txt").write_text("User-agent: *\nDisallow: /bozze/\n", encoding="utf-8")
    assert build(root).returncode == 0
    assert (root / "site_build/robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /bozze/\n"
