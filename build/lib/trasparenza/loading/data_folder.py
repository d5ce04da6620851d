"""The data folder's files: which are data, and how messages name them."""

from __future__ import annotations

from pathlib import Path


def yaml_files(folder: Path) -> list[Path]:
    """The data files of a folder, in name order; hidden ones (editors' locks and backups) are not data."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def display_name(path: Path, root: Path) -> str:
    """How messages name a file: relative to the project folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
