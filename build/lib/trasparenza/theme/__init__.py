"""The theme (mkdocs-material overrides, page templates, fonts, assets), installed as trasparenza.theme: a
comune's site uses it from the installed package; this repository uses the same folder as custom_dir."""
