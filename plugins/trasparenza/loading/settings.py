"""The plugin's options, and reading them from mkdocs.yml without MkDocs.

The MkDocs plugin gets its options from MkDocs; ``trasparenza validate`` (and any other engine) reads
the same ``mkdocs.yml`` here, with MkDocs' ``!ENV`` tag, and reports what MkDocs would refuse in the
plugin's options: a wrong type is an error, an unknown option a warning (as in MkDocs, where
``--strict`` turns it into a failure).
"""

from __future__ import annotations

import difflib
import os
import typing
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from trasparenza.problems import AVVISO, ERRORE, Issue

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "trasparenza"


@dataclass(frozen=True)
class Settings:
    """The plugin's options (same names as in mkdocs.yml) and the folder of hand-written pages."""

    data_dir: str = "data"
    prefisso: str = "piao"
    templates_dir: str | None = None
    mostra_nomi_personale: bool = False
    # A public body's site must link its accessibility statement; example sites may opt out.
    richiedi_dichiarazione: bool = True
    build_atomica: bool = True
    # The plan as one tagged PDF, printed by Chromium from its print page (publishing/pdf.py).
    pdf: bool = True
    # Not options of the plugin: MkDocs' own settings the core needs.
    docs_dir: str = "docs"
    site_url: str | None = None  # the public address: the open-data catalogue's links are absolute with it
    use_directory_urls: bool = True
    site_dir: str = "site"
    custom_dir: str | None = None  # the theme's folder (theme.custom_dir)

    @classmethod
    def options(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name not in _MKDOCS_SETTINGS]


_MKDOCS_SETTINGS = ("docs_dir", "site_url", "use_directory_urls", "site_dir", "custom_dir")


OPTION_TYPES = {name: typing.get_args(hint) or (hint,) for name, hint in typing.get_type_hints(Settings).items()}
_KIND = {bool: "true oppure false", str: "un testo"}


class _Loader(yaml.SafeLoader):
    """MkDocs' own tags: !ENV is resolved, others (!relative, !!python/name:…) read as nothing."""


def _env(loader: _Loader, node) -> object:
    names = ([loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode)
             else [loader.construct_object(item) for item in node.value])
    default = names.pop() if len(names) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            try:
                return yaml.safe_load(os.environ[name])
            except yaml.YAMLError:
                return os.environ[name]
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(config_file: Path) -> tuple[Settings, list[Issue]]:
    """The plugin's options from mkdocs.yml, and what is wrong with them."""
    name = config_file.name
    try:
        loader = _Loader(config_file.read_text(encoding="utf-8"))
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Settings(), [Issue(name, line, column, "", f"{name} non è leggibile: controllo i dati con le "
                                  "impostazioni predefinite", f"correggi {name} (la costruzione del sito "
                                  "lo segnala nel dettaglio)", ERRORE)]
    if not isinstance(root, yaml.MappingNode):
        return Settings(), []
    values: dict[str, object] = {}
    issues: list[Issue] = []
    docs = _value(root, "docs_dir")
    if docs is not None and isinstance(loader.construct_object(docs[1], deep=True), str):
        values["docs_dir"] = loader.construct_object(docs[1], deep=True)
    directory_urls = _value(root, "use_directory_urls")
    if directory_urls is not None and isinstance(loader.construct_object(directory_urls[1], deep=True), bool):
        values["use_directory_urls"] = loader.construct_object(directory_urls[1], deep=True)
    site = _value(root, "site_dir")
    if site is not None and isinstance(loader.construct_object(site[1], deep=True), str):
        values["site_dir"] = loader.construct_object(site[1], deep=True)
    theme = _value(root, "theme")
    if theme is not None and isinstance(theme[1], yaml.MappingNode):
        custom = _value(theme[1], "custom_dir")
        if custom is not None and isinstance(loader.construct_object(custom[1], deep=True), str):
            values["custom_dir"] = loader.construct_object(custom[1], deep=True)
    url = _value(root, "site_url")
    if url is not None and isinstance(loader.construct_object(url[1], deep=True), str):
        values["site_url"] = loader.construct_object(url[1], deep=True) or None
    options = _plugin_options(root)
    for key_node, value_node in options.value if isinstance(options, yaml.MappingNode) else []:
        key, value = key_node.value, loader.construct_object(value_node, deep=True)
        where = (name, key_node.start_mark.line + 1, key_node.start_mark.column + 1, f"plugins.{PLUGIN}.{key}")
        if key not in Settings.options():
            close = difflib.get_close_matches(key, Settings.options(), n=1, cutoff=0.6)
            issues.append(Issue(*where, f"opzione sconosciuta «{key}» del plugin {PLUGIN}",
                                f"forse intendevi «{close[0]}»?" if close else
                                "le opzioni sono: " + ", ".join(Settings.options()), AVVISO))
        elif not isinstance(value, OPTION_TYPES[key]):
            kind = next(_KIND[t] for t in OPTION_TYPES[key] if t in _KIND)
            example = getattr(Settings, key)
            example = str(example).lower() if isinstance(example, bool) else example or "theme/trasparenza"
            issues.append(Issue(*where, f"valore non valido per «{key}»: serve {kind}",
                                f"scrivi ad esempio «{key}: {example}»"))
        else:
            values[key] = value
    return Settings(**values), issues


def _value(mapping, key: str):
    return next(((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _plugin_options(root):
    """The node of the plugin's options under «plugins:», written as a list or as a mapping."""
    plugins = _value(root, "plugins")
    if plugins is None:
        return None
    node = plugins[1]
    if isinstance(node, yaml.MappingNode):
        found = _value(node, PLUGIN)
        return found[1] if found else None
    for item in node.value if isinstance(node, yaml.SequenceNode) else []:
        if isinstance(item, yaml.MappingNode):
            found = _value(item, PLUGIN)
            if found:
                return found[1]
    return None
