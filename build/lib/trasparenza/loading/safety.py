"""What a build may read and where it may write: inputs and outputs never overlap.

A one-line mistake in mkdocs.yml («site_dir: data») must not let a build replace the plan with the site,
nor publish the raw data («docs_dir: data»), nor write pages outside the site («prefisso: ../..»). The
folders are checked before anything is touched; each refusal names the setting and says what to write.
Reading is limited to the project's own regular files: a link that leads outside the project, a pipe, a
device or a socket is refused without being opened.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from trasparenza.problems import ERRORE, Issue

# A page prefix is one or more folder names: «piao», «piano-performance», «amministrazione/piao».
PREFIX_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


@dataclass(frozen=True)
class Folder:
    setting: str  # how mkdocs.yml names it: «site_dir», «docs_dir», «plugins.trasparenza.data_dir»
    path: Path
    output: bool = False


def _overlap(a: Path, b: Path) -> str | None:
    """How two folders overlap: «è», «contiene», «è dentro»; None when they are apart."""
    if a == b:
        return "è"
    if b.is_relative_to(a):
        return "contiene"
    if a.is_relative_to(b):
        return "è dentro"
    return None


def check_layout(root: Path, site_dir: Path, docs_dir: Path, data_dir: Path, theme_dir: Path | None,
                 templates_dir: Path | None, prefix: str, config_name: str = "mkdocs.yml",
                 config_text: str = "") -> list[Issue]:
    """The folders of a build, resolved (links followed): every problem, before anything is written.
    ``config_text`` (mkdocs.yml) places each message on the line of its setting."""
    root = root.resolve()
    folders = [Folder("site_dir", site_dir.resolve(), output=True), Folder("docs_dir", docs_dir.resolve()),
               Folder("plugins.trasparenza.data_dir", data_dir.resolve())]
    if templates_dir is not None:
        folders.append(Folder("plugins.trasparenza.templates_dir", templates_dir.resolve()))
    others = [Folder("theme.custom_dir", theme_dir.resolve())] if theme_dir is not None else []
    others.append(Folder(".git", (root / ".git").resolve()))
    issues: list[Issue] = []

    def refuse(folder: Folder, message: str, hint: str) -> None:
        issues.append(Issue(config_name, *_line_of(config_text, folder.setting), folder.setting, message, hint, ERRORE))

    for index, folder in enumerate(folders):
        shown = _shown(folder.path, root)
        if folder.path == root or root.is_relative_to(folder.path):
            refuse(folder, f"«{folder.setting}» ({shown}) {'è' if folder.path == root else 'contiene'} la cartella "
                           "del progetto", _hint(folder))
            continue
        if not folder.output and not folder.path.is_relative_to(root):
            refuse(folder, f"«{folder.setting}» ({shown}) è fuori dalla cartella del progetto",
                   "indica una cartella dentro il progetto, accanto a mkdocs.yml")
            continue
        for other in folders[index + 1:] + others:
            how = _overlap(folder.path, other.path)
            if how and not (other.setting == ".git" and not other.path.exists()):
                refuse(folder, f"«{folder.setting}» ({shown}) {how} {_named(other, root)}: la costruzione "
                               "scriverebbe o pubblicherebbe i file dell'altra", _hint(folder))
    if not PREFIX_PATTERN.fullmatch(prefix or ""):
        issues.append(Issue(config_name, *_line_of(config_text, "prefisso"), "plugins.trasparenza.prefisso",
                            f"«prefisso» non valido: «{prefix}»",
                            "scrivi uno o più nomi di cartella con lettere minuscole, cifre e trattini, es. "
                            "«piao» o «piano-performance» (mai «..», «/» all'inizio o un percorso assoluto)", ERRORE))
    return issues


def layout_of(config_file: Path, settings) -> list[Issue]:
    """check_layout for the folders a mkdocs.yml names (``settings``: settings.read_settings of that file),
    relative to the file as MkDocs reads them."""
    root = config_file.parent
    folder = lambda name: (root / name) if name else None  # noqa: E731
    return check_layout(root, root / settings.site_dir, root / settings.docs_dir, root / settings.data_dir,
                        folder(settings.custom_dir), folder(settings.templates_dir), settings.prefisso,
                        config_file.name, config_file.read_text(encoding="utf-8", errors="replace"))


def _line_of(text: str, setting: str) -> tuple[int, int]:
    """Line and column of a setting's key in mkdocs.yml (1, 1 when it is not written: a default)."""
    key = setting.rsplit(".", 1)[-1]
    match = re.search(rf"(?m)^([ \t]*){re.escape(key)}[ \t]*:", text)
    return (text.count("\n", 0, match.start()) + 1, len(match.group(1)) + 1) if match else (1, 1)


def _named(folder: Folder, root: Path) -> str:
    if folder.setting == ".git":
        return "la cartella .git del repository"
    return f"«{folder.setting}» ({_shown(folder.path, root)})"


def _shown(path: Path, root: Path) -> str:
    return os.path.relpath(path, root) if path.is_relative_to(root) or root.is_relative_to(path) else str(path)


def _hint(folder: Folder) -> str:
    return {"site_dir": "scrivi «site_dir: site_build» (la cartella del sito costruito, che la costruzione sostituisce)",
            "docs_dir": "scrivi «docs_dir: content» (le pagine scritte a mano)",
            "plugins.trasparenza.data_dir": "scrivi «data_dir: data» tra le opzioni del plugin (i file YAML del piano)",
            }.get(folder.setting, "indica una cartella a parte, dentro il progetto")


# --- reading only the project's own regular files ---

def refused_file(path: Path, root: Path) -> str | None:
    """Why a file found under ``root`` (the project, or the theme's folder) must not be read or published, or
    None. Never opens the file: a named pipe would block the build, a device would never end."""
    try:
        info = os.stat(path)  # follows a link
    except OSError:
        return None  # missing or unreadable: the reader says so in its own words
    if not stat.S_ISREG(info.st_mode):
        kind = ("una pipe" if stat.S_ISFIFO(info.st_mode) else "un socket" if stat.S_ISSOCK(info.st_mode)
                else "un dispositivo" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                else "una cartella" if stat.S_ISDIR(info.st_mode) else "un file speciale")
        return f"non è un file normale ma {kind}: non lo leggo"
    if not path.resolve().is_relative_to(root.resolve()):
        return f"è un collegamento a un file fuori da {root.name}/: non lo leggo né lo pubblico"
    return None
