"""Read one YAML file into plain data plus the line/column of every node.

Plain scalars stay strings (only ``null``/``~``/empty become None): the model decides
what a value means, so ``codice: 1.10`` keeps its trailing zero and ``no`` is not False.
Aliases are refused (nobody editing a plan needs them, and they enable "billion laughs"),
duplicate keys are errors instead of PyYAML's silent last-one-wins.
"""

from __future__ import annotations

import math
import os
import re
import stat
import zlib
from pathlib import Path

import yaml

from trasparenza.loading import yaml_errors
from trasparenza.problems import AVVISO, Issue, field_path, os_reason, visible

MAX_BYTES = 5 * 1024 * 1024
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
_NULLS = {"", "~", "null", "Null", "NULL"}  # PyYAML's implicit null

Positions = dict[tuple, tuple[int, int]]


class _AliasRefused(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(problem="alias", problem_mark=event.start_mark)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == NULL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Repeated(Exception):
    """A node met twice: an alias (the fast path hands the file to the pure-Python composer to say where)."""


# libyaml composes the same nodes, with the same lines and columns, many times faster than pure Python.
# Any file it does not accept goes through the pure-Python composer, whose errors the messages translate.
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

        def resolve(self, kind, value, implicit):
            """What _Loader's resolvers decide (only null is implicit), without their per-scalar regexes."""
            if kind is yaml.ScalarNode:
                return NULL_TAG if implicit[0] and value in _NULLS else STR_TAG
            return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG


class Located:
    """Where every value and key of a file is, computed from its text when first asked: only a mistake
    to report needs it, and a plan of thousands of objectives would hold hundreds of thousands of them."""

    def __init__(self, text: str | None = None, values: Positions | None = None, keys: Positions | None = None):
        # The text waits compressed (a fifth of its size): it is read again only to report a mistake.
        self._text = zlib.compress(text.encode("utf-8"), 1) if text is not None else None
        self._values, self._keys = values, keys
        self._aliases: list[tuple[tuple, tuple]] = []

    def alias(self, path: tuple, written_at: tuple) -> None:
        """A value that is not written at its own place (the objectives' file-level struttura)."""
        if self._values is not None:
            self._values[path] = self._values[written_at]
        else:
            self._aliases.append((path, written_at))

    @property
    def values(self) -> Positions:
        self._locate()
        return self._values

    @property
    def keys(self) -> Positions:
        self._locate()
        return self._keys

    def get(self, path: tuple, default=None):
        return self.values.get(path, default)

    def __contains__(self, path) -> bool:
        return path in self.values

    def _locate(self) -> None:
        if self._values is not None:
            return
        loader = (_FastLoader or _Loader)(zlib.decompress(self._text).decode("utf-8"))
        values: Positions = {}
        keys: Positions = {}
        try:
            _build(loader.get_single_node(), (), values, keys, [], "", loader)
        except RecursionError:  # read once already, so only from a deep call: no positions, the file's start
            values, keys = {(): (1, 1)}, {}
        finally:
            loader.dispose()
        for path, written_at in self._aliases:
            if written_at in values:
                values[path] = values[written_at]
        self._values, self._keys, self._text = values, keys, None


class Document:
    """A loaded file: its data, and (``located``) the positions of its values and mapping keys."""

    def __init__(self, file: str, data, located: Located):
        self.file = file
        self.data = data
        self.located = located

    @property
    def values(self) -> Positions:
        return self.located.values

    @property
    def keys(self) -> Positions:
        return self.located.keys

    def position(self, path: tuple, key: bool = False) -> tuple[int, int]:
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.keys:
                return self.keys[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


def decode(raw: bytes, file: str) -> tuple[str | None, list[Issue]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Issue(file, line, column, "", "il file non è in codifica UTF-8",
                            "salvalo come «UTF-8» dall'editor (in Blocco note: Salva con nome → Codifica UTF-8)")]


def load(path: Path, display_name: str | None = None) -> tuple[Document | None, list[Issue]]:
    file = display_name or str(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a pipe would block the build, a device never ends: not opened
            return None, [Issue(file, 1, 1, "", "il file non è un file normale (è una pipe, un dispositivo o un "
                                "socket): non lo leggo", "al suo posto metti un file YAML vero e proprio")]
        size = info.st_size
        if size > MAX_BYTES:
            return None, [Issue(file, 1, 1, "", f"il file è troppo grande ({_megabytes(size)} MB, massimo "
                                f"{_megabytes(MAX_BYTES)} MB)", "dividi i dati in più file più piccoli")]
        with open(path, "rb") as stream:  # never more than the limit, even if the file grows meanwhile
            raw = stream.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None, [Issue(file, 1, 1, "", f"il file è troppo grande (più di {_megabytes(MAX_BYTES)} MB)",
                                "dividi i dati in più file più piccoli")]
    except OSError as exc:  # an unreadable file, a link to nothing: the user's to fix, not a bug
        hint = ("il collegamento (link) punta a un file che non esiste: eliminalo o correggilo"
                if path.is_symlink() and not path.exists()
                else "controlla che il file esista e che i suoi permessi ne consentano la lettura")
        return None, [Issue(file, 1, 1, "", f"il file non si può leggere: {os_reason(exc)}", hint)]
    text, issues = decode(raw, file)
    if text is None:
        return None, issues
    return parse(text, file)


def _megabytes(size: int) -> str:
    """Rounded up to a tenth, so a file just over the limit never reads as the limit itself."""
    tenths = math.ceil(size * 10 / 1024 / 1024)
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10},{tenths % 10}"


# libyaml composes nested flow collections ([ [ [ …) by recursion in C, without a limit: a file of
# thousands of brackets goes to the pure-Python composer, which stops at Python's limit with a message.
MAX_FAST_BRACKETS = 1000


def parse(text: str, file: str) -> tuple[Document | None, list[Issue]]:
    document, issues = _parse(text, file)
    if document is not None and (_CONTROL.search(text) or "\\" in text):  # raw, or written as YAML escapes
        control = _control_characters(document, file)
        if control:
            return None, issues + control
    if document is not None and "#" in text:
        issues = issues + _values_taken_for_comments(text, file)
    return document, issues


# Control characters other than tab and line breaks (ESC, DEL, NEL…) never reach a page, a CSV or a console:
# a value holding one is refused where it is written (in YAML they come from escapes such as "\e" or "\x1b").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _control_characters(document: Document, file: str) -> list[Issue]:
    found = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(key, path) if isinstance(key, str) else None
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif isinstance(value, str):
            match = _CONTROL.search(value)
            if match:
                line, column = document.position(path)
                found.append(Issue(file, line, column, field_path(path),
                                   f"il testo contiene un carattere di controllo ({visible(match.group())}), che "
                                   "non si può pubblicare", "togli il carattere (spesso arriva copiando da un altro "
                                   "programma o da una sequenza «\\e», «\\x1b» tra virgolette doppie)"))

    walk(document.data, ())
    return found


def _parse(text: str, file: str) -> tuple[Document | None, list[Issue]]:
    if _FastLoader is not None and text.count("[") + text.count("{") <= MAX_FAST_BRACKETS:
        document = _parse_fast(text, file)
        if document is not None:
            return document
    return _parse_python(text, file)


# «valore_atteso: # 3 sedute»: for YAML the value is empty and «# 3 sedute» a comment. A key with only a
# comment after it, and nothing indented below it, lost its value: say so rather than publish nothing.
_COMMENT_AS_VALUE = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_][\w]*):[ \t]+(?P<at>#(?:.*\S)?)\s*$")


def _values_taken_for_comments(text: str, file: str) -> list[Issue]:
    lines = text.split("\n")
    found = []
    for number, line in enumerate(lines):
        match = _COMMENT_AS_VALUE.match(line)
        if not match:
            continue
        below = next((other for other in lines[number + 1:] if other.strip() and not other.lstrip().startswith("#")),
                     "")
        indent = len(match.group("indent"))
        if len(below) - len(below.lstrip()) > indent or below.lstrip().startswith("- ") and \
                len(below) - len(below.lstrip()) >= indent:
            continue  # a block below the key: the comment is a comment
        key, comment = match.group("key"), match.group("at")
        found.append(Issue(file, number + 1, match.start("at") + 1, key,
                           f"«{key}» è vuoto: per YAML «{comment}» è un commento, non il valore",
                           f"se è il valore, racchiudilo tra virgolette: {key}: '{comment}'; se è un commento, "
                           "scrivi null prima del «#»", AVVISO))
    return found


_LAX_BLOCK_HEADER = re.compile(r"[>|][0-9+-]*#")


def _parse_fast(text: str, file: str, located: bool = False):
    """libyaml's composer; None when the file needs the pure-Python path (a mistake, an alias).
    A file without mistakes is read without positions (``Located`` finds them if ever asked)."""
    if _LAX_BLOCK_HEADER.search(text):
        return None  # «>#»: libyaml takes a comment without the space YAML requires; PyYAML says where it is wrong
    try:
        loader = _FastLoader(text)
    except (yaml.YAMLError, UnicodeError):  # e.g. a lone surrogate, which libyaml cannot encode
        return None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if not located:
            try:
                return Document(file, _data_of(node, set()), Located(text)), []
            except _Careful:
                pass  # a duplicate key, an explicit tag…: read again, with positions, to say where
        values: Positions = {}
        keys: Positions = {}
        issues: list[Issue] = []
        data = _build(node, (), values, keys, issues, file, loader, set())
    except (yaml.YAMLError, RecursionError, UnicodeError, _Repeated):
        return None
    finally:
        loader.dispose()
    return (None if issues else Document(file, data, Located(values=values, keys=keys))), issues


class _Careful(Exception):
    """Something the plain reading leaves to _build: a key that is not text, a repeated key, a tag."""


def _data_of(node, seen: set):
    """The data of a node composed by libyaml, as _build reads it, without positions."""
    if id(node) in seen:
        raise _Repeated
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value in result:
                raise _Careful
            result[key_node.value] = _data_of(value_node, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_data_of(item, seen) for item in node.value]
    if node.tag == NULL_TAG:
        return None
    if node.tag == STR_TAG or node.tag == "!":
        return node.value
    raise _Careful


def _parse_python(text: str, file: str) -> tuple[Document | None, list[Issue]]:
    try:
        loader = _Loader(text)  # the reader rejects control characters right here
    except yaml.YAMLError as exc:
        return None, [yaml_errors.unreadable(file, exc, text)]
    try:
        node = loader.get_single_node()
    except RecursionError:
        return None, [Issue(file, 1, 1, "", "struttura annidata troppo in profondità",
                            "riduci i livelli di rientro: un piano non ne richiede più di qualche decina")]
    except yaml.MarkedYAMLError as exc:
        # For unclosed quotes and brackets the useful place is where they were opened.
        opened = exc.context and re.search(r"quoted scalar|flow (sequence|mapping)", exc.context)
        mistake = None if opened else yaml_errors.line_mistake(exc, text)
        if mistake:
            return None, [Issue(file, *mistake[:2], "", *mistake[2:])]
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        message, hint = yaml_errors.translate(exc)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Issue(file, line, column, "", message, hint)]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        return None, [yaml_errors.unreadable(file, exc, text)]
    finally:
        loader.dispose()
    if node is None:
        return None, [Issue(file, 1, 1, "", "il file è vuoto", "scrivi i dati o elimina il file")]
    values: Positions = {}
    keys: Positions = {}
    issues: list[Issue] = []
    try:
        data = _build(node, (), values, keys, issues, file, loader)
    except RecursionError:
        return None, [Issue(file, 1, 1, "", "struttura annidata troppo in profondità",
                            "riduci i livelli di rientro: un piano non ne richiede più di qualche decina")]
    return (None if issues else Document(file, data, Located(values=values, keys=keys))), issues


def _build(node, path, values, keys, issues, file, loader, seen=None):
    if seen is not None:  # the fast path: a node met twice is an alias, refused by the pure-Python path
        if id(node) in seen:
            raise _Repeated
        seen.add(id(node))
    values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                issues.append(Issue(file, key_node.start_mark.line + 1, key_node.start_mark.column + 1, "",
                                    "una chiave deve essere un testo semplice", "scrivi «nome: valore»"))
                continue
            key = key_node.value
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            child = path + (key,)
            if key in result:
                first = keys[child]
                issues.append(Issue(file, where[0], where[1], _dotted(child),
                                    f"la chiave «{key}» compare due volte (la prima alla riga {first[0]})",
                                    "tieni una sola delle due: l'altra verrebbe ignorata"))
                continue
            keys[child] = where
            result[key] = _build(value_node, child, values, keys, issues, file, loader, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), values, keys, issues, file, loader, seen) for i, item in enumerate(node.value)]
    if node.tag == NULL_TAG:
        return None
    if node.tag == STR_TAG or node.tag == "!":
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        issues.append(Issue(file, node.start_mark.line + 1, node.start_mark.column + 1, _dotted(path),
                            f"etichetta YAML «{node.tag}» non ammessa", "togli l'etichetta che inizia con «!»"))
        return None


def _dotted(path: tuple) -> str:
    return field_path(path)
