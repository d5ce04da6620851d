"""Publishing a built site as one transaction.

A build writes into a staging folder of its own beside the published one
(``site_build.in-costruzione-<pid>-<token>``); only a build that ended cleanly swaps it
in, with one atomic exchange of the two folders where the system offers it
(``renameat2(RENAME_EXCHANGE)`` on Linux), so a web server reading ``site_build/`` never
sees it missing or half written. A lock on the folder that holds ``site_build/`` makes
builds of the same site take turns: the second waits, saying so. The lock belongs to the
process, so a build killed even with SIGKILL releases it; whatever such a build left
behind is cleared by the next one, which also puts back a site left aside by a swap that
was interrupted half way.

Engine-independent: the MkDocs plugin calls ``begin``, then ``commit`` or ``abort``.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import secrets
import shutil
import stat
import time
from pathlib import Path
from typing import Callable

from trasparenza.problems import os_reason

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not serialised
    fcntl = None

STAGING = ".in-costruzione"
PREVIOUS = ".precedente"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def a_built_site(folder: Path) -> bool:
    """Whether a folder may be replaced by a new site: empty (hidden files aside, they are kept) or a site a
    build made (its home page and sitemap, or 404 page). Publication never deletes what it did not create."""
    try:
        visible = [entry.name for entry in os.scandir(folder) if not entry.name.startswith(".")]
    except OSError:
        return True  # unreadable: the exchange itself will say why
    return not visible or ("index.html" in visible and ("sitemap.xml" in visible or "404.html" in visible))


class PublicationError(Exception):
    """A publication that cannot start or finish; the message is Italian and says what to do."""


class Publication:
    def __init__(self, final: Path, *, wait_seconds: float = 600, notify: Callable[[str], None] = print,
                 warn: Callable[[str], None] = print):
        final = Path(final).absolute()
        # A site folder that is a link to the web server's folder: publish where the link points.
        self.final = final.resolve() if final.is_symlink() else final
        self.wait_seconds = wait_seconds
        self.notify = notify
        self.warn = warn
        self.staging: Path | None = None
        self.previous: Path | None = None
        self._lock_fd: int | None = None
        # Only names this module makes: a user's «site_build.precedente» backup is never touched.
        self._own = re.compile(rf"{re.escape(self.final.name)}({STAGING}|{PREVIOUS})-\d+-[0-9a-f]{{8}}")

    # --- the transaction ---

    def begin(self) -> Path:
        """Take the lock, tidy what an interrupted build left, and return a fresh staging folder."""
        parent = self.final.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PublicationError(f"impossibile creare la cartella {parent}: {os_reason(exc)}") from exc
        if self.final.exists() and not self.final.is_dir():
            raise PublicationError(f"{self.final} esiste ma non è una cartella: spostalo o eliminalo, poi riprova")
        if self.final.is_dir() and not a_built_site(self.final):
            raise PublicationError(f"la cartella {self.final} contiene file che non vengono da una costruzione del "
                                   "sito, e pubblicare la sostituirebbe: indica in «site_dir» una cartella nuova o "
                                   "quella del sito costruito")
        self._lock()
        try:
            if fcntl is not None:  # without the lock a "leftover" could be another build's live folder
                self._recover()
            self.staging = self._sibling(STAGING)
            self.staging.mkdir()
            if self.final.is_dir():
                _same_access(self.final, self.staging)
        except OSError as exc:
            self._unlock()
            raise PublicationError(f"impossibile preparare la costruzione in {parent}: {os_reason(exc)}") from exc
        return self.staging

    def commit(self) -> None:
        """Put the staging folder in place of the published site, atomically where possible. The
        previous site is set aside in ``self.previous`` until ``discard_previous()``."""
        assert self.staging is not None, "commit() without begin()"
        moved: list[str] = []
        try:
            if not self.final.is_dir():
                self.staging.rename(self.final)
            else:
                moved = self._keep_hidden()
                if _exchange(self.staging, self.final):
                    self.previous = self.staging  # now holds the previous site
                else:
                    self._swap_in_two_steps()
        except OSError as exc:
            stuck = []
            for name in moved:  # the published site gets its hidden folders back before the staging goes
                try:
                    (self.staging / name).rename(self.final / name)
                except OSError:
                    stuck.append(name)
            if stuck:  # never delete them: keep the staging folder and say where they are
                self.warn(f"{', '.join(stuck)} è rimasto in {self.staging}: rimettilo in {self.final}")
                self.staging = None
            self.abort()
            hint = ("; se è un punto di montaggio o sta su un altro disco, imposta «build_atomica: false» tra le "
                    "opzioni del plugin" if exc.errno in (errno.EBUSY, errno.EXDEV) else "")
            raise PublicationError(f"impossibile sostituire {self.final}: {os_reason(exc)}; "
                                   f"il sito pubblicato resta quello precedente{hint}") from exc
        self.staging = None

    def _swap_in_two_steps(self) -> None:
        """Where folders cannot be exchanged: the published site aside, then the new one in its place;
        if the second step fails the first is undone (a kill in between is undone by ``_recover``)."""
        previous = self._sibling(PREVIOUS)
        self.final.rename(previous)
        try:
            self.staging.rename(self.final)
        except OSError:
            previous.rename(self.final)
            raise
        self.previous = previous

    def discard_previous(self) -> None:
        """Remove the previous site, then release the turn."""
        if self.previous is not None:
            self._remove(self.previous)
            self.previous = None
        self._unlock()

    def abort(self) -> None:
        """Throw the staging folder away; the published site stays as it was."""
        if self.staging is not None:
            self._remove(self.staging)
            self.staging = None
        self._unlock()

    def _sibling(self, kind: str) -> Path:
        return self.final.with_name(f"{self.final.name}{kind}-{os.getpid()}-{secrets.token_hex(4)}")

    def _remove(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():
            self.warn(f"non è stato possibile eliminare {folder} (lo impediscono i permessi dei file): "
                      "eliminala a mano; il sito pubblicato non ne risente")

    def _keep_hidden(self) -> list[str]:
        """Hidden entries of the published folder (.git of a deployment, .htaccess, .well-known…) are not
        the build's: MkDocs never writes nor cleans them, so the new site gets them too. Files are linked,
        so the published site keeps its own (its access rules) up to the swap; folders are moved."""
        moved = []
        for entry in self.final.iterdir():
            target = self.staging / entry.name
            if not entry.name.startswith(".") or target.exists() or target.is_symlink():
                continue
            if entry.is_dir() and not entry.is_symlink():
                entry.rename(target)
                moved.append(entry.name)
            else:
                try:
                    os.link(entry, target, follow_symlinks=False)
                except OSError:
                    shutil.copy2(entry, target, follow_symlinks=False)
        return moved

    # --- lock and recovery ---

    def _lock(self) -> None:
        """Builds publishing into the same folder take turns (the lock is on that folder: it also
        serialises two sites published side by side, which costs only time)."""
        if fcntl is None:
            return
        self._lock_fd = os.open(self.final.parent, os.O_RDONLY)
        deadline = time.monotonic() + self.wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            except OSError as exc:  # a file system without locks (some network shares)
                self._unlock()
                raise PublicationError(
                    f"impossibile riservare la cartella {self.final.parent} per la pubblicazione: {os_reason(exc)}; "
                    "su questo disco imposta «build_atomica: false» tra le opzioni del plugin") from exc
            if not told:
                self.notify(f"Un'altra costruzione sta pubblicando nella cartella {self.final.parent}: "
                            "attendo che finisca…")
                told = True
            if time.monotonic() >= deadline:
                self._unlock()
                minutes = max(1, round(self.wait_seconds / 60))
                raise PublicationError(
                    f"un'altra costruzione sta ancora pubblicando nella cartella {self.final.parent} dopo "
                    f"{minutes} minuti: riprova quando è terminata")
            time.sleep(0.2)

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def _recover(self) -> None:
        """Under the lock, every staging or previous folder of ours belongs to a build that died."""
        leftovers = sorted((p for p in self.final.parent.iterdir()
                            if self._own.fullmatch(p.name) and p.is_dir() and not p.is_symlink()),
                           key=lambda p: p.stat().st_mtime, reverse=True)
        previous = [p for p in leftovers if PREVIOUS in p.name]
        if not self.final.exists() and previous:
            previous[0].rename(self.final)
            self.notify(f"Ripristinato il sito pubblicato in {self.final}, lasciato da parte da una "
                        "costruzione interrotta.")
            leftovers.remove(previous[0])
        for path in leftovers:
            self._remove(path)


def _same_access(model: Path, folder: Path) -> None:
    """The new site folder gets the published one's permissions, group and owner (a web server's group,
    a setgid folder), as far as this user may give them."""
    info = model.stat()
    os.chmod(folder, stat.S_IMODE(info.st_mode))
    try:
        os.chown(folder, info.st_uid if os.geteuid() == 0 else -1, info.st_gid)
    except OSError:
        pass  # a group this user is not in: the folder keeps the user's


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))
