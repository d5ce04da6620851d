"""Command line for editing the data: `trasparenza esporta`, `importa` and `nuovo` (see cli.py for the rest)."""

from __future__ import annotations

import sys
from pathlib import Path

from trasparenza.problems import ERRORE, os_reason

from trasparenza.italian import quantity
from trasparenza.model import Struttura

TEMPLATE_DATA = Path(__file__).parents[1] / "exports" / "sample_plan"  # a small fictional plan: the spreadsheet template's rows


def esporta(args) -> int:
    from trasparenza.exports import workbook

    data_dir = TEMPLATE_DATA if args.modello else Path(args.dati)
    target = Path(args.file)
    if target.suffix.lower() != ".xlsx":
        print(f"{target}: il file deve avere estensione .xlsx", file=sys.stderr)
        return 2
    if not data_dir.is_dir():
        print(f"{data_dir}: la cartella dei dati non esiste", file=sys.stderr)
        return 2
    print(f"Esporto {data_dir}…", file=sys.stderr)
    try:
        issues, rows = workbook.export(data_dir, target, Path.cwd())
    except OSError as exc:
        print(f"Impossibile scrivere {target}: {os_reason(exc)}", file=sys.stderr)
        return 2
    for issue in issues:
        print(issue.format(), file=sys.stderr)
    if any(i.severity == ERRORE for i in issues) or rows == 0 and issues:
        print("Foglio non scritto: correggi prima i dati.", file=sys.stderr)
        return 1
    print(f"Scritto {target}: {quantity(rows, 'riga', 'righe')} di dati; il foglio «LEGGIMI» spiega ogni colonna.")
    return 0


def importa(args) -> int:
    from trasparenza.exports import workbook

    source, target = Path(args.file), Path(args.dati)
    if not source.is_file():
        print(f"{source}: il file non esiste", file=sys.stderr)
        return 2
    print(f"Leggo {source}…", file=sys.stderr)
    problems, written = workbook.import_workbook(source, target, args.sovrascrivi,
                                                   lambda text: print(f"  letti {text}", file=sys.stderr, flush=True))
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if not written:
        count = sum(1 for p in problems if p.severity == ERRORE)
        print(f"Nessun file scritto: {quantity(count, 'problema', 'problemi')} da correggere.", file=sys.stderr)
        return 1
    for path in written:
        print(f"Scritto {path}")
    what = "Importato 1 file" if len(written) == 1 else f"Importati {len(written)} file"
    print(f"{what} in {target}: controllali con «trasparenza validate».")
    return 0


def nuovo(args) -> int:
    from trasparenza.cli import new_record as templates

    if args.cosa == "sito":
        from trasparenza.cli import site_commands

        return site_commands.nuovo_sito(args)
    data_dir = Path(args.dati)
    try:
        if args.cosa == "obiettivo":
            if not args.struttura:
                print("indica la struttura con --struttura ID (l'id in struttura.yaml)", file=sys.stderr)
                return 2
            path, lines, new = templates.obiettivo(data_dir, args.struttura, args.titolo, args.id)
            top = "obiettivi"
        elif args.cosa == "struttura":
            path, lines, new = templates.struttura(data_dir, args.titolo, args.tipo, args.id)
            top = "strutture"
        elif args.cosa == "misura":
            path, lines, new = templates.misura(data_dir, args.titolo, "generale" if args.generale else "specifica",
                                                args.id)
            top = "misure"
        elif args.cosa == "processo":
            if not args.struttura or not args.area:
                print("indica l'area di rischio con --area TITOLO e la struttura responsabile con --struttura ID",
                      file=sys.stderr)
                return 2
            path, lines, new = templates.processo(data_dir, args.titolo, args.area, args.struttura, args.id)
            top = "aree_rischio"
            if not new and not args.stampa:
                return _to_paste(path, "il processo nell'elenco «processi:»", lines)
        else:
            path, lines, new = templates.azione(data_dir, args.titolo, args.area or "Area di intervento", args.id)
            top = "aree"
            if not new and not args.stampa:
                return _to_paste(path, "l'azione nell'elenco «azioni:»", lines)
        if args.stampa:
            print("\n".join(lines))
            return 0
        templates.write(path, lines, new, top)
    except templates.NuovoErrore as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Impossibile scrivere: {os_reason(exc)}", file=sys.stderr)
        return 2
    print(f"{'Creato' if new else 'Aggiunto in fondo a'} {path}: completa i campi (quelli commentati con «#» "
          "sono facoltativi: togli il «#» per usarli).")
    return 0


def _to_paste(path: Path, what: str, lines: list[str]) -> int:
    """An item that goes inside a list of the file, which the office places: its text, to copy."""
    print(f"{path} esiste già: aggiungi {what} della sua area. Il testo da copiare è qui sotto.", file=sys.stderr)
    print("\n".join(lines))
    return 1


def add_commands(sub) -> None:
    export = sub.add_parser("esporta", help="scrive i dati di un piano in un foglio di calcolo (xlsx)",
                            description="Scrive i dati di un piano in un file xlsx, un foglio per tabella (ente, "
                                        "piano, strutture, obiettivi, fasi, indicatori…), con il foglio «LEGGIMI» "
                                        "che spiega ogni colonna. I valori restano testo, come nei file YAML.")
    export.add_argument("file", metavar="FILE.xlsx", help="il file da scrivere")
    export.add_argument("dati", nargs="?", default="data", metavar="DATI",
                        help="la cartella dei dati del piano (predefinita: data; con più piani: data/piani/<triennio>)")
    export.add_argument("--modello", action="store_true",
                        help="scrive il modello: un piano di esempio (immaginario) da sostituire con i propri dati")
    export.set_defaults(func=esporta)
    read = sub.add_parser("importa", help="legge un foglio di calcolo (xlsx) e scrive i file YAML dei dati",
                          description="Legge un file xlsx con i fogli del modello (trasparenza esporta) e scrive i "
                                      "file YAML corrispondenti. Ogni problema indica foglio, riga e colonna; se ce "
                                      "n'è uno, non scrive nulla.")
    read.add_argument("file", metavar="FILE.xlsx", help="il foglio di calcolo da leggere")
    read.add_argument("dati", metavar="DATI", help="la cartella in cui scrivere i file YAML")
    read.add_argument("--sovrascrivi", action="store_true", help="sostituisce i file che esistono già")
    read.set_defaults(func=importa)
    new = sub.add_parser("nuovo", help="scrive un nuovo obiettivo, una nuova struttura, una nuova azione positiva, un "
                                       "processo o una misura di prevenzione (sottosezione 2.3) o il sito di un "
                                       "nuovo ente",
                         description="Scrive un file di dati valido (o aggiunge un elemento in fondo al file che "
                                     "esiste già) con tutti i campi spiegati in italiano: quelli facoltativi sono "
                                     "commentati con «#». «nuovo sito CARTELLA» scrive invece il repository del sito "
                                     "di un nuovo ente: dati da completare, impostazioni, modelli di pubblicazione "
                                     "per GitHub, GitLab e il server dell'ente, con Trasparenza come dipendenza a "
                                     "versione fissata; chiede ciò che le opzioni non indicano.")
    new.add_argument("cosa", choices=["obiettivo", "struttura", "azione", "processo", "misura", "sito"],
                     metavar="obiettivo|struttura|azione|processo|misura|sito", help="che cosa aggiungere")
    new.add_argument("titolo", metavar="TITOLO",
                     help="il titolo dell'obiettivo, dell'azione, del processo o della misura, il nome della "
                          "struttura; per «sito» la cartella da creare (nuova o vuota)")
    site = new.add_argument_group("nuovo sito")
    site.add_argument("--ente", metavar="NOME", help="il nome dell'ente, es. «Comune di Roccaverde»")
    site.add_argument("--ipa", metavar="CODICE", help="il codice IPA dell'ente (www.indicepa.gov.it), es. c_xxxx")
    site.add_argument("--codice-fiscale", dest="codice_fiscale", metavar="CF", help="il codice fiscale dell'ente")
    site.add_argument("--documento", metavar="TIPO",
                      help="il tipo di documento: PIAO (predefinito), «PIAO semplificato», «Piano della "
                           "performance», PEG, PDO, PEG/PDO")
    site.add_argument("--triennio", metavar="AAAA-AAAA", help="il triennio del piano, es. 2026-2028 (predefinito: "
                                                             "l'anno in corso e i due successivi)")
    site.add_argument("--indirizzo", metavar="URL", help="l'indirizzo a cui il sito sarà pubblicato (https://…)")
    site.add_argument("--pacchetto", metavar="REQUISITO",
                      help="come installare Trasparenza, per requirements.txt (predefinito: trasparenza[verifica]=="
                           "questa versione); es. «trasparenza[verifica] @ git+https://…/trasparenza@v0.2.0»")
    new.add_argument("--dati", default="data", metavar="DATI", help="la cartella dei dati (predefinita: data)")
    new.add_argument("--id", metavar="ID", help="l'identificativo (predefinito: ricavato dal titolo)")
    new.add_argument("--struttura", metavar="ID", help="obiettivo, processo: l'id della struttura responsabile")
    new.add_argument("--tipo", default="settore", choices=list(Struttura.model_fields["tipo"].annotation.__args__),
                     metavar="TIPO", help="struttura: direzione, settore, area, servizio… (predefinito: settore)")
    new.add_argument("--area", metavar="TITOLO", help="azione: il titolo dell'area di intervento; processo: "
                                                    "l'area di rischio, es. «Contratti pubblici»")
    new.add_argument("--generale", action="store_true", help="misura: una misura generale (predefinita: specifica)")
    new.add_argument("--stampa", action="store_true", help="mostra il testo senza scrivere nessun file")
    new.set_defaults(func=nuovo)
    update = sub.add_parser("aggiorna", help="dice se i dati del sito vanno modificati per la versione installata",
                            description="Confronta la versione installata con quella di requirements.txt e controlla "
                                        "i dati con la versione installata: se un cambio del formato dei dati chiede "
                                        "modifiche, dice quali (file, riga, campo, come correggere).")
    update.add_argument("cartella", nargs="?", default=".", metavar="CARTELLA",
                        help="la cartella del sito (predefinita: quella corrente)")
    update.set_defaults(func=_aggiorna)


def _aggiorna(args) -> int:
    from trasparenza.cli import site_commands

    return site_commands.aggiorna(args)
