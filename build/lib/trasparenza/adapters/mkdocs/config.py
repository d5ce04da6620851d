"""The plugin's options for MkDocs, declared once: the config class is derived from the core's `Settings`
(`loading.settings`), which `trasparenza validate` reads from mkdocs.yml without MkDocs."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from trasparenza.loading.settings import OPTION_TYPES, Settings

DEFAULTS = Settings()


def _option(name: str) -> c.BaseConfigOption:
    kinds = [kind for kind in OPTION_TYPES[name] if kind is not type(None)]
    if len(kinds) < len(OPTION_TYPES[name]):  # optional: None when not set
        return c.Optional(c.Type(kinds[0]))
    return c.Type(kinds[0], default=getattr(DEFAULTS, name))


TrasparenzaConfig = type("TrasparenzaConfig", (base.Config,), {name: _option(name) for name in Settings.options()})


def settings_of(options, config, root: Path) -> Settings:
    """The core's settings: the plugin's options and the MkDocs settings the core needs."""
    return Settings(**{name: options[name] for name in Settings.options()},
                    docs_dir=os.path.relpath(config.docs_dir, root), site_url=config.site_url or None,
                    use_directory_urls=config.use_directory_urls)


def root_of(config) -> Path:
    return (Path(config.config_file_path).parent if config.config_file_path else Path.cwd()).resolve()
