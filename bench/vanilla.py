"""The same objectives as bench/genera.py, as plain Markdown pages of a vanilla mkdocs-material site.

Run: .venv/bin/python bench/vanilla.py N DIR [--piani 2]
One .md per objective (title, unit, phases and indicators as Markdown tables, the same paragraphs) at
the same address as the Trasparenza page, one list of objectives per plan, and a minimal nav; the
same theme settings as the Trasparenza site, without custom_dir and without the trasparenza plugin.
It is the baseline: what MkDocs and Material cost for these pages without the plugin.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trasparenza.cli.argparse_it import italiano

import genera


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def objective_page(o: genera.Objective) -> str:
    fasi = _table(["Fase", "Descrizione", "Incidenza", "Scadenza"],
                  [[f["codice"], f["descrizione"], f"{f['incidenza']}%", f["scadenza"]] for f in o.fasi])
    indicatori = _table(["Indicatore", "Tipo", "Valore atteso"],
                        [[i["nome"], i["tipo"], i["valore_atteso"]] for i in o.indicatori])
    scheda = _table(["Voce", "Valore"], [["Struttura responsabile", genera.unit_name(o.unit)],
                                         ["Dirigente", genera.unit_head(o.unit)],
                                         ["Piano", f"PIAO {o.triennio}"]])
    return (f"# Obiettivo {o.codice}: {o.titolo}\n\n{scheda}\n\n## Finalità\n\n{o.finalita}\n\n"
            f"## Descrizione\n\n{o.descrizione}\n\n## Fasi\n\n{fasi}\n\n"
            f"## Risultato atteso\n\n{o.risultato_atteso}\n\n## Indicatori\n\n{indicatori}\n")


def write_site(root: Path, n: int, piani: int = 1, seed: int = genera.SEED) -> list[genera.Objective]:
    """Write the vanilla site of N objectives in ROOT."""
    items = genera.objectives(n, piani, seed)
    years = genera.trienni(piani)
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / "index.md").write_text(
        f"# Benchmark\n\nSito sintetico di {n} obiettivi per misurare la costruzione.\n", encoding="utf-8")
    for year in years:
        folder = content / "piao" / year / "obiettivi"
        folder.mkdir(parents=True, exist_ok=True)
        mine = [o for o in items if o.triennio == year]
        for o in mine:
            (folder / f"{o.id}.md").write_text(objective_page(o), encoding="utf-8")
        rows = [[o.codice, f"[{_cell(o.titolo)}]({o.id}.md)", genera.unit_name(o.unit)] for o in mine]
        (folder / "index.md").write_text(f"# Obiettivi del PIAO {year}\n\n"
                                         + _table(["Codice", "Obiettivo", "Struttura"], rows) + "\n",
                                         encoding="utf-8")
    nav = "".join(f"  - piao/{year}/obiettivi/index.md\n" for year in reversed(years))
    (root / "mkdocs.yml").write_text(
        "site_name: Benchmark\ndocs_dir: content\nsite_dir: site_build\n"
        "theme:\n  name: material\n  language: it\n  font: false\n  features: [navigation.prune]\n"
        "plugins:\n  - search\n"
        f"nav:\n  - index.md\n{nav}", encoding="utf-8")
    return items


def main(argv: list[str] | None = None) -> None:
    with italiano():
        cli = argparse.ArgumentParser(prog="vanilla.py", description="Scrive gli stessi obiettivi di genera.py come "
                                      "pagine Markdown di un sito mkdocs-material senza Trasparenza, per il confronto.")
        cli.add_argument("n", metavar="N", type=int, help="numero di obiettivi")
        cli.add_argument("cartella", metavar="CARTELLA", type=Path, help="dove scrivere il sito")
        cli.add_argument("--piani", type=int, default=1,
                         help=f"su quanti piani (trienni) distribuire gli obiettivi, da 1 a {len(genera.TRIENNI)} "
                              "(predefinito: 1)")
        args = cli.parse_args(argv)
    write_site(args.cartella, args.n, args.piani)
    print(f"Sito semplice con {args.n} obiettivi scritto in {args.cartella}")


if __name__ == "__main__":
    main()
