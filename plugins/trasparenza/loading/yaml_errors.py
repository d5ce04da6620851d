"""YAML's errors in Italian: what the parser says, translated, and the mistakes a person makes on one line
(an apostrophe inside single quotes, a missing space after «:», a value beginning with «>»…), recognised on
the line itself rather than where the parser noticed them."""

from __future__ import annotations

import re

import yaml

from trasparenza.problems import Issue


_TRANSLATIONS = [
    (r"found character '\\t'", "c'è un carattere di tabulazione: YAML accetta solo spazi per rientrare",
     "sostituisci i tab con spazi (2 per livello)"),
    (r"found character '(?!\\t).*' that cannot start any token",
     "un valore contiene un carattere che YAML non accetta in quel punto (spesso dopo «: »)",
     "racchiudi il testo tra virgolette, ad esempio 'Indicatore: % di gradimento'"),
    (r"mapping values are not allowed", "«:» in un punto inatteso",
     "metti uno spazio dopo «chiave:»; se il testo contiene «: » racchiudilo tra virgolette"),
    (r"could not find expected ':'", "manca «:» dopo una chiave", "scrivi «chiave: valore»"),
    (r"while scanning a quoted scalar|found unexpected end of stream", "virgolette aperte e non chiuse",
     "chiudi le virgolette del testo (o togli quelle in più)"),
    (r"expected ',' or '\]'|expected ',' or '}'", "parentesi non chiusa",
     "chiudi la lista con «]» o il blocco con «}», oppure usa l'elenco con «- »"),
    (r"expected <block end>|did not find expected key|did not find expected '-'",
     "rientro (indentazione) non coerente",
     "allinea le chiavi dello stesso livello con lo stesso numero di spazi"),
    (r"expected a single document", "il file contiene più documenti («---»)",
     "tieni un solo documento per file"),
    (r"found undefined tag handle|could not determine a constructor", "etichetta YAML («!…») non ammessa",
     "togli l'etichetta che inizia con «!»"),
    (r"^alias$", "gli alias YAML («*nome») non sono ammessi",
     "ripeti il testo per intero invece di usare ancore e alias"),
]


# Mistakes a person makes on one line, recognised on the line itself: the parser notices them later (often
# on the next line) and names something else (indentation, a missing «:»). (pattern, message, hint);
# the pattern's group «at» is where the mistake is; {key} and {value} come from the line.
_KEY = r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[^\s:#'\"-][^:#]*?)"
_LINE_MISTAKES = [
    (_KEY + r":\s+(?P<value>'(?:[^']|'')*'(?P<at>\s*[^\s#].*))$",
     "apostrofo dentro un testo racchiuso tra apici singoli: il testo finisce all'apostrofo",
     "scrivi {key}: \"{inner}\" (tra virgolette doppie) oppure raddoppia l'apostrofo: {key}: '{doubled}'"),
    (_KEY + r":\s+(?P<value>\"(?:[^\"\\]|\\.)*\"(?P<at>\s*[^\s#].*))$",
     "testo dopo le virgolette di chiusura: le virgolette racchiudono solo una parte del valore",
     "se le virgolette fanno parte del testo, racchiudi tutto il valore tra apici singoli: {key}: '{raw}'"),
    (r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[a-z_][a-z0-9_]*)(?P<at>:)(?P<value>[^\s/].*)$",
     "manca lo spazio dopo «{key}:»", "scrivi «{key}: {value}» (con uno spazio dopo i due punti)"),
    (_KEY + r":\s+(?P<at>-\s.*)$",
     "un valore non può iniziare con «- » (YAML lo legge come un elenco)",
     "racchiudi il testo tra virgolette: {key}: '{raw}'"),
    # «> 50%», «>= 95%», «| a», «`x`», «* nota», «& altri»: a mark YAML reads as its own syntax (a block of
    # text, an alias or anchor before a space). A line that is only «key: >» or «key: |-» is a block of text;
    # «*nome» and «&nome» are a real alias or anchor, and «@», «%» have their own message (_TRANSLATIONS).
    (_KEY + r":\s+(?P<value>(?P<at>(?![>|][-+0-9]*\s*(?:#.*)?$)(?:[>|`]|[*&](?=\s))).*)$",
     "il valore «{value}» comincia con un segno che in YAML ha un significato speciale",
     "racchiudi il testo tra virgolette: {key}: '{raw}'"),
]
# Only where the parser found no «:» after a key (a wrapped line of text looks the same).
_NO_COLON = (r"^(?=[^:#]*$)(?P<indent>\s*(?:-\s+)?)(?P<key>[a-z_]+)(?P<at>\s+)(?P<value>[^:#]+)$",
             "manca «:» dopo «{key}»", "scrivi «{key}: {value}»")


def line_mistake(error: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, str] | None:
    """The line the person got wrong, near where the parser stopped: the key's line, then the lines before."""
    lines = text.split("\n")
    marks = sorted({m.line for m in (error.context_mark, error.problem_mark) if m is not None})
    if not marks:
        return None
    patterns = list(_LINE_MISTAKES)
    if "could not find expected ':'" in str(error.problem):
        patterns.append(_NO_COLON)
    if re.search(r"mapping values are not allowed|expected <block end>|did not find expected key", str(error.problem)):
        deeper = _deeper_key(lines, error.problem_mark.line)
        if deeper:
            return deeper
    candidates = [marks[0], marks[0] - 1, marks[0] - 2] + marks[1:]
    for number in candidates:
        if not 0 <= number < len(lines):
            continue
        line = lines[number].rstrip("\r")
        for pattern, message, hint in patterns:
            match = re.match(pattern, line)
            if match and (pattern is not _NO_COLON[0] or number == marks[0]):
                return number + 1, match.start("at") + 1, *_fill(match, message, hint)
    return None


_KEY_LINE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?:\s+(?P<value>\S.*))?$")


def _deeper_key(lines: list[str], number: int) -> tuple[int, int, str, str] | None:
    """«key: value» followed by a key indented further: YAML reads the second line as part of the first value
    and stops at its «:». The mistake is the indentation, not the «:»."""
    if not 0 <= number < len(lines):
        return None
    here = _KEY_LINE.match(lines[number].rstrip("\r"))
    previous = next((lines[i].rstrip("\r") for i in range(number - 1, -1, -1)
                     if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    before = _KEY_LINE.match(previous) if previous else None
    if not (here and before and before.group("value") and not before.group("value").startswith(("|", ">"))):
        return None
    if lines[number].lstrip().startswith("-"):  # a list item where a key was expected: another mistake
        return None
    if here.start("key") <= before.start("key"):
        return None
    key, other = here.group("key"), before.group("key")
    return (number + 1, here.start("key") + 1,
            f"«{key}» è rientrato più di «{other}» della riga sopra: YAML lo legge come il seguito del suo valore",
            f"allinea «{key}:» sotto «{other}:» (" + (f"{before.start('key')} spazi dall'inizio della riga)"
                                                      if before.start("key") else "all'inizio della riga)"))


def _fill(match: re.Match, message: str, hint: str) -> tuple[str, str]:
    key = match.group("key").strip()
    value = (match.groupdict().get("value") or "").strip()
    if match.group("at").lstrip().startswith("- "):  # the value begins with the dash
        value = match.group("at").strip()
    inner = value[1:-1] if len(value) > 1 and value[0] == value[-1] == "'" else value
    fields = {"key": key, "value": value, "raw": value.replace("'", "''"), "inner": inner,
              "doubled": inner.replace("'", "''")}
    return message.format(**fields), hint.format(**fields)


def translate(error: yaml.MarkedYAMLError) -> tuple[str, str]:
    text = f"{error.context or ''} {error.problem or ''}".strip()
    for pattern, message, hint in _TRANSLATIONS:
        if re.search(pattern, text):
            return message, hint
    return f"errore di sintassi YAML ({text})", "controlla la riga indicata e quella precedente"


def unreadable(file: str, exc: yaml.YAMLError, text: str) -> Issue:
    line, column = 1, 1
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        return Issue(file, line, column, "", f"carattere di controllo non ammesso (codice {exc.character:#06x})",
                     "togli i caratteri di controllo incollati per errore (spesso copiando da PDF o da Word)")
    return Issue(file, line, column, "", "testo non leggibile come YAML",
                 "togli i caratteri di controllo incollati per errore")
