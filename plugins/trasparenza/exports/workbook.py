"""`trasparenza esporta` and `trasparenza importa`: a plan's data folder as an xlsx workbook, and back.

The layout is ``fogli``'s; here the files are read and written (openpyxl), every value is checked with
the model before anything is written, and each problem names its sheet, row and column.
"""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from trasparenza.exports import sheets as sheet_layout
from trasparenza.loading import reader
from trasparenza.checks import messages
from trasparenza.exports import schema
from trasparenza.problems import ERRORE, Issue, field_path, os_reason
from trasparenza.italian import quantity
from trasparenza.model.glossario import CAMPI
from trasparenza.checks.validate import inherit_struttura
from trasparenza.loading.data_folder import display_name
from trasparenza.model.files import FILES, FOLDERS
from trasparenza import italian

# What a workbook holds: a plan's own content (the site-wide statement and the narrative sections stay YAML).
KINDS = ("ente.yaml", "piano.yaml", "struttura.yaml", "obiettivi", "valore-pubblico.yaml", "azioni-positive.yaml",
         "azioni-miglioramento.yaml", "accessibilita-azioni.yaml", "variazioni.yaml", "rischi-corruttivi.yaml", "aree-rischio.yaml",
         "misure-prevenzione.yaml", "obblighi-pubblicazione.yaml")
README_SHEET = "LEGGIMI"
HEADER = Font(bold=True)


def _model(kind: str):
    return FOLDERS[kind][1] if kind in FOLDERS else FILES[kind][1]


def sheets_of(kind: str) -> list[sheet_layout.Foglio]:
    return sheet_layout.layout(Path(kind).stem, _model(kind), kind in FOLDERS)


def cell_issue(file: str, sheet: str, row: int, column: int, header: str, message: str, hint: str,
               severity: str = ERRORE) -> Issue:
    """A problem in a workbook: the cell (sheet "" for the whole file), what is wrong, how to correct it."""
    return Issue(file, row, column, header, message, hint, severity, sheet=sheet)


# --- export ---

def export(data_dir: Path, target: Path, root: Path) -> tuple[list[Issue], int]:
    """Write the workbook; nothing is written if a data file does not pass its own model.
    Returns the problems and the number of rows written."""
    documents: dict[str, list[tuple[str, dict]]] = {}
    issues: list[Issue] = []
    for kind in KINDS:
        paths = sorted((data_dir / kind).glob("*.yaml")) if kind in FOLDERS else [data_dir / kind]
        for path in paths:
            if not path.is_file():
                continue
            name = display_name(path.resolve(), root.resolve())
            document, found = reader.load(path, name)
            issues += found
            if document is None:
                continue
            try:
                _model(kind).model_validate(_inherit(kind, document.data, document))
            except ValidationError as exc:
                for error in exc.errors():
                    loc = tuple(error["loc"])
                    line, column = document.position(loc)
                    issues.append(Issue(name, line, column, field_path(loc), *messages.translate(error, _model(kind))))
                continue
            documents.setdefault(kind, []).append((path.stem, document.data))
            for where in _multiline_items(document.data, ()):
                line, column = document.position(where)
                issues.append(Issue(name, line, column, field_path(where), "un elemento dell'elenco va a capo: nel "
                                    "foglio di calcolo ogni riga della cella è un elemento, quindi l'a capo diventa "
                                    "uno spazio", "se l'elemento deve restare su più righe, modifica questo file in "
                                    "YAML invece che nel foglio", "avviso"))
    if any(i.severity == ERRORE for i in issues):
        return issues, 0
    if not documents:
        return [Issue(display_name(data_dir.resolve(), root.resolve()), 1, 1, "", "nella cartella non ci sono file di dati da esportare",
                      "indica la cartella dei dati di un piano (con piano.yaml), es. data oppure "
                      "data/piani/2025-2027")], 0
    workbook = Workbook()
    _readme(workbook.active, [kind for kind in KINDS if kind in documents])
    count = 0
    for kind in KINDS:
        if kind not in documents:
            continue
        sheets = sheets_of(kind)
        tables = sheet_layout.rows_of(sheets, documents[kind])
        for sheet in sheets:
            count += len(tables[sheet.nome])
            _write_sheet(workbook.create_sheet(sheet.nome), sheet.intestazione, tables[sheet.nome])
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return issues, count


def _multiline_items(node, path: tuple):
    """Where a list of texts has an item with a line break (the sheet cell cannot keep it)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _multiline_items(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, str) and "\n" in value.strip():
                yield path + (index,)
            else:
                yield from _multiline_items(value, path + (index,))


def _inherit(kind: str, data, document=None):
    """The objectives' file-level unit, as the loader applies it."""
    return inherit_struttura(data, document) if kind == "obiettivi" and isinstance(data, dict) else data


def _write_sheet(sheet, header: list[str], rows: list[list[str]]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = HEADER
    for values in rows:
        sheet.append(values)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.value is not None:
                cell.data_type = "s"  # text, as written: «=1+1» is never a formula, «1.10» never a number
                cell.number_format = "@"
                if "\n" in str(cell.value):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        column = sheet.column_dimensions[get_column_letter(index)]
        column.width = min(60, max(12, len(name) + 2))
        column.number_format = "@"  # rows added later are text too: «1.10» stays «1.10»


def _describe(column: str) -> str:
    if column in ("campo", "valore"):
        return "Il nome del campo e il suo valore: una riga per campo."
    if column == sheet_layout.FILE_COLUMN:
        return "Il file YAML dell'obiettivo (obiettivi/<file>.yaml); se vuoto, il nome della struttura."
    if column.endswith(".id"):
        return f"L'id del record di «{column[:-3]}» a cui appartiene la riga."
    if column.endswith(".n"):
        return f"Il numero d'ordine (1, 2, 3…) del record di «{column[:-2]}» a cui appartiene la riga."
    title, description = CAMPI.get(column.rsplit(".", 1)[-1], ("", ""))
    return f"{title}: {description}" if title else description


def _readme(sheet, kinds: list[str]) -> None:
    sheet.title = README_SHEET
    sheet.append(["Trasparenza: i dati del piano in un foglio di calcolo"])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in (
        "Ogni foglio è una tabella di un file di dati; la prima riga contiene i nomi delle colonne: non cambiarli.",
        "Le celle sono testo, scritto come nei file YAML: percentuali «40%», date «31/12/2024».",
        "Una cella vuota è un campo non indicato; «null» è un campo scritto null nel file YAML (ad esempio "
        "«peso_totale_per_struttura»: nessun controllo della somma dei pesi). Nelle colonne che sono elenchi si scrive un elemento per riga "
        "della cella (Alt+Invio).",
        "Le prime colonne di un foglio annidato («obiettivi.id», «fasi.n») dicono a quale riga del foglio "
        "superiore appartiene ogni riga: l'id, oppure il numero d'ordine (1 per la prima fase…).",
        "Per tornare ai file YAML: trasparenza importa FILE.xlsx CARTELLA (ogni problema indica foglio, riga e "
        "colonna).",
        "",
    ):
        sheet.append([line])
    sheet.append(["Foglio", "Colonna", "Significato"])
    for cell in sheet[sheet.max_row]:
        cell.font = HEADER
    for kind in kinds:
        for layout in sheets_of(kind):
            for column in layout.intestazione:
                sheet.append([layout.nome, column, _describe(column)])
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 32
    sheet.column_dimensions["C"].width = 100


# --- import ---

def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == datetime.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):  # no exponent, Italian decimals
        return italian.number(value, exact=True)
    return str(value).replace("\r\n", "\n").strip()


def _cell_text(cell) -> str:
    """A cell as text; a number typed in a cell formatted as percentage (0,6 shown as 60%) stays «60%», one
    in a cell formatted in euro (12500 shown as 12.500,00 €) stays «12.500,00 €»."""
    number = isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
    if number and "%" in (cell.number_format or ""):
        return _text(round(cell.value * 100, 10)) + "%"
    style = cell.number_format or ""
    if number and ("€" in style or "EUR" in style):
        amount = italian.number(cell.value, 2 if ("0.00" in style or "0,00" in style) else 0)
        return f"€ {amount}" if style.lstrip('[$"\\ ').startswith(("€", "EUR")) else f"{amount} €"
    return _text(cell.value)


# Bounds of a workbook, checked before and while reading: a sheet that declares a million rows for one value
# in its last row, or a small file that expands to hundreds of megabytes, stops with a message.
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes of all the files inside the xlsx (a zip), from its directory
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELL = 32_767  # characters, Excel's own limit


class TooLarge(Exception):
    """A workbook beyond the bounds: the sheet (or "") and the Italian message."""

    def __init__(self, sheet: str, message: str):
        super().__init__(message)
        self.sheet = sheet


def _check_zip(path: Path) -> None:
    """The zip directory says how large the workbook becomes once expanded: checked before reading it."""
    with zipfile.ZipFile(path) as archive:
        total = sum(info.file_size for info in archive.infolist())
    if total > MAX_UNCOMPRESSED:
        raise TooLarge("", f"il file si espande a {total // (1024 * 1024)} MB (massimo "
                           f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB): non lo leggo")


def read(path: Path) -> tuple[dict[str, list[list[str]]], dict[str, list[str]], list[Issue]]:
    """Every sheet's header and rows as text, streamed (read-only) within the bounds above; a formula is a
    problem (its value is not data)."""
    _check_zip(path)
    workbook = load_workbook(path, read_only=True, data_only=False)
    tables: dict[str, list[list[str]]] = {}
    headers: dict[str, list[str]] = {}
    problems: list[Issue] = []
    try:
        for sheet in workbook.worksheets:
            if sheet.title == README_SHEET:
                continue
            declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
            if declared_rows > MAX_ROWS + 1 or declared_columns > MAX_COLUMNS:
                raise TooLarge(sheet.title, f"il foglio dichiara {declared_rows} righe e {declared_columns} colonne "
                                            f"(al massimo {MAX_ROWS} righe di dati e {MAX_COLUMNS} colonne)")
            rows = sheet.iter_rows(max_col=MAX_COLUMNS)
            first = next(rows, None)
            if first is None:
                continue
            header = [_text(c.value) for c in first]
            while header and not header[-1]:  # a streamed row runs to the sheet's widest row
                header.pop()
            headers[sheet.title] = header
            table = []
            for number, row in enumerate(rows, start=2):
                if number > MAX_ROWS + 1:
                    raise TooLarge(sheet.title, f"il foglio ha più di {MAX_ROWS} righe di dati")
                values = []
                for column, cell in enumerate(row, start=1):
                    if cell.data_type == "f":
                        header = headers[sheet.title][column - 1] if column <= len(headers[sheet.title]) else ""
                        problems.append(cell_issue(path.name, sheet.title, number, column, header,
                                                 "la cella contiene una formula", "scrivi il valore, non la formula"))
                        values.append("")
                        continue
                    text = _cell_text(cell)
                    if len(text) > MAX_CELL:
                        raise TooLarge(sheet.title, f"la cella {get_column_letter(column)}{number} ha più di "
                                                    f"{MAX_CELL} caratteri")
                    values.append(text)
                table.append(values)
            while table and not any(table[-1]):  # trailing empty rows (a formatted but empty area)
                table.pop()
            tables[sheet.title] = table
    finally:
        workbook.close()
    return tables, headers, problems


def import_workbook(path: Path, target: Path, overwrite: bool = False,
                    progress=None) -> tuple[list[Issue], list[Path]]:
    """Rebuild the data files in ``target``; nothing is written if a cell is wrong.
    ``progress(text)`` hears about each kind of data read (a large workbook takes a while)."""
    try:
        tables, headers, problems = read(path)
    except TooLarge as exc:
        where = f", foglio «{exc.sheet}»" if exc.sheet else ""
        return [cell_issue(path.name, exc.sheet, 1, 1, "", f"{exc}{where and ''}",
                         "dividi i dati in più fogli o file più piccoli, oppure togli le righe e le colonne "
                         "vuote in fondo al foglio")], []
    except Exception as exc:  # not an xlsx, damaged, locked: openpyxl raises many kinds
        return [cell_issue(path.name, "", 1, 1, "", f"il file non si legge come foglio di calcolo xlsx ({type(exc).__name__})",
                         "salvalo in formato Excel (.xlsx) e riprova")], []
    rebuilt: list[tuple[str, sheet_layout.Ricostruito]] = []
    known: set[str] = set()
    for kind in KINDS:
        sheets = sheets_of(kind)
        known |= {s.nome for s in sheets}
        present = [s for s in sheets if s.nome in tables]
        if not present:
            continue
        for sheet in present:
            problems += _check_header(path.name, sheet, headers[sheet.nome])
        files, orphans = sheet_layout.rebuild(Path(kind).stem, sheets, tables, kind, kind in FOLDERS)
        for orphan in orphans:
            cell = orphan.cella
            if isinstance(orphan, sheet_layout.NomeNonValido):
                problems.append(cell_issue(path.name, cell.foglio, cell.riga, cell.colonna, cell.intestazione,
                                         f"«{orphan.keys[0]}» non è un nome di file valido",
                                         "usa solo lettere minuscole, cifre e trattini, es. «settore-tributi»"))
                continue
            problems.append(cell_issue(path.name, cell.foglio, cell.riga, cell.colonna, cell.intestazione,
                                     f"la riga appartiene a «{' › '.join(orphan.keys)}», che non è in nessuna riga "
                                     "del foglio superiore", "controlla l'id o il numero d'ordine nelle prime colonne"))
        rebuilt += [(kind, f) for f in files]
        if progress:
            rows = sum(len(tables[s.nome]) for s in present)
            progress(f"{kind}: {quantity(rows, 'riga', 'righe')} in {quantity(len(present), 'foglio', 'fogli')}")
    for name in tables:
        if name not in known:
            problems.append(cell_issue(path.name, name, 1, 1, "", "foglio non riconosciuto: i suoi dati non verrebbero "
                                     "importati", "i fogli ammessi sono quelli del modello (trasparenza esporta "
                                     "--modello)", "avviso"))
    for kind, data_file in rebuilt:
        problems += _validate(path.name, kind, data_file)
    if any(p.severity == ERRORE for p in problems):
        return problems, []
    written = []
    for kind, data_file in rebuilt:
        out = target / data_file.nome
        if not out.resolve().is_relative_to(target.resolve()):  # a linked folder in the destination
            problems.append(cell_issue(str(out), "", 1, 1, "", "il file finirebbe fuori dalla cartella di destinazione "
                                     "(una sua cartella è un collegamento): non lo scrivo",
                                     "indica una cartella di destinazione senza collegamenti"))
            continue
        if out.exists() and not overwrite:
            problems.append(cell_issue(str(out), "", 1, 1, "", "il file esiste già", "indica una cartella vuota, "
                                     "oppure aggiungi --sovrascrivi per sostituire i file"))
    if any(p.severity == ERRORE for p in problems):
        return problems, []
    for kind, data_file in rebuilt:
        out = target / data_file.nome
        line = schema.modeline(schema.relative_path(out, Path.cwd() / schema.FOLDER, Path(kind).stem))
        body = yaml.safe_dump(data_file.dati, allow_unicode=True, sort_keys=False, width=110)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(f"{line}\n# Importato da {path.name}.\n{body}", encoding="utf-8")
        except OSError as exc:  # a read-only folder, a full disk: the user's to fix, not a bug
            problems.append(cell_issue(str(out), "", 1, 1, "", f"il file non si può scrivere: {os_reason(exc)}",
                                     "controlla i permessi della cartella di destinazione e lo spazio su disco"))
            return problems, written
        written.append(out)
    return problems, written


def _check_header(file: str, sheet: sheet_layout.Foglio, header: list[str]) -> list[Issue]:
    problems = []
    expected = sheet.intestazione
    for index, name in enumerate(header, start=1):
        if index > len(expected) or name != expected[index - 1]:
            want = expected[index - 1] if index <= len(expected) else "nessuna colonna"
            problems.append(cell_issue(file, sheet.nome, 1, index, name, f"la colonna «{name}» non è quella attesa "
                                     f"(«{want}»)", "ripristina l'intestazione del modello: i nomi e l'ordine "
                                     "delle colonne non si cambiano"))
            break
    return problems


def _validate(file: str, kind: str, data_file: sheet_layout.Ricostruito) -> list[Issue]:
    model = _model(kind)
    try:
        model.model_validate(_inherit(kind, data_file.dati))
    except ValidationError as exc:
        found = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if p != "[key]")
            cell = None
            probe = loc
            while probe and cell is None:
                cell = data_file.celle.get(probe)
                probe = probe[:-1]
            cell = cell or next(iter(data_file.celle.values()), sheet_layout.Cella("", 1, 1, ""))
            message, hint = messages.translate(error, model)
            if error["type"] == "missing":
                hint = f"riempi la colonna «{loc[-1]}»" if cell.foglio else hint
            found.append(cell_issue(file, cell.foglio, cell.riga, cell.colonna, cell.intestazione, message, hint))
        return found
    return []
