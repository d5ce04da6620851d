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
import secrets
import shutil
import time
from pathlib import Path
from typing import Callable

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not serialised
    fcntl = None

STAGING = ".in-costruzione"
PREVIOUS = ".precedente"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class PublicationError(Exception):
    """A publication that cannot start or finish; the message is Italian and says what to do."""


class Publication:
    def __init__(self, final: Path, *, wait_seconds: float = 600, notify: Callable[[str], None] = print):
        final = Path(final).absolute()
        # A site folder that is a link to the web server's folder: publish where the link points.
        self.final = final.resolve() if final.is_symlink() else final
        self.wait_seconds = wait_seconds
        self.notify = notify
        self.staging: Path | None = None
        self._lock_fd: int | None = None

    # --- the transaction ---

    def begin(self) -> Path:
        """Take the lock, tidy what an interrupted build left, and return a fresh staging folder."""
        parent = self.final.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PublicationError(f"impossibile creare la cartella {parent}: {_reason(exc)}") from exc
        if self.final.exists() and not self.final.is_dir():
            raise PublicationError(f"{self.final} esiste ma non è una cartella: spostalo o eliminalo, poi riprova")
        self._lock()
        try:
            self._recover()
            self.staging = parent / f"{self.final.name}{STAGING}-{os.getpid()}-{secrets.token_hex(4)}"
            self.staging.mkdir()
        except OSError as exc:
            self._unlock()
            raise PublicationError(f"impossibile preparare la costruzione in {parent}: {_reason(exc)}") from exc
        return self.staging

    def commit(self) -> None:
        """Put the staging folder in place of the published site, atomically where possible."""
        assert self.staging is not None, "commit() without begin()"
        kept: list[str] = []
        try:
            if self.final.is_dir():
                kept = self._keep_hidden()
                if _exchange(self.staging, self.final):
                    shutil.rmtree(self.staging, ignore_errors=True)  # now holds the previous site
                else:
                    old = self.final.with_name(f"{self.final.name}{PREVIOUS}-{os.getpid()}-{secrets.token_hex(4)}")
                    self.final.rename(old)
                    self.staging.rename(self.final)
                    shutil.rmtree(old, ignore_errors=True)
            else:
                self.staging.rename(self.final)
        except OSError as exc:
            for name in kept:  # back where they were
                if (self.staging / name).exists() and not (self.final / name).exists():
                    (self.staging / name).rename(self.final / name)
            self.abort()
            raise PublicationError(f"impossibile sostituire {self.final}: {_reason(exc)}; "
                                   "il sito pubblicato resta quello precedente") from exc
        self.staging = None
        self._unlock()

    def abort(self) -> None:
        """Throw the staging folder away; the published site stays as it was."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        self._unlock()

    def _keep_hidden(self) -> list[str]:
        """Hidden entries of the published folder (.git of a deployment, .htaccess, .well-known…) are not
        the build's: MkDocs never writes nor cleans them, so they move into the new site."""
        kept = []
        for entry in self.final.iterdir():
            if entry.name.startswith(".") and not (self.staging / entry.name).exists():
                entry.rename(self.staging / entry.name)
                kept.append(entry.name)
        return kept

    # --- lock and recovery ---

    def _lock(self) -> None:
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
                if not told:
                    self.notify(f"Un'altra costruzione dello stesso sito ({self.final.name}) è in corso: "
                                "attendo che finisca…")
                    told = True
                if time.monotonic() >= deadline:
                    self._unlock()
                    minutes = max(1, round(self.wait_seconds / 60))
                    raise PublicationError(
                        f"un'altra costruzione di {self.final.name} è ancora in corso dopo {minutes} minuti: "
                        "riprova quando è terminata") from None
                time.sleep(0.2)

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def _recover(self) -> None:
        """Under the lock, every staging or previous folder belongs to a build that died."""
        parent, name = self.final.parent, self.final.name
        leftovers = sorted((p for p in parent.iterdir()
                            if p.is_dir() and not p.is_symlink()
                            and p.name.startswith((f"{name}{STAGING}", f"{name}{PREVIOUS}"))),
                           key=lambda p: p.stat().st_mtime, reverse=True)
        previous = [p for p in leftovers if p.name.startswith(f"{name}{PREVIOUS}")]
        if not self.final.exists() and previous:
            previous[0].rename(self.final)
            self.notify(f"Ripristinato il sito pubblicato in {self.final}, lasciato da parte da una "
                        "costruzione interrotta.")
            leftovers.remove(previous[0])
        for path in leftovers:
            shutil.rmtree(path, ignore_errors=True)


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


def describe_os_error(exc: OSError) -> str:
    """A system error in Italian words, with the file it concerns."""
    where = f" ({exc.filename})" if exc.filename else ""
    return _reason(exc) + where


def _reason(exc: OSError) -> str:
    reasons = {
        errno.EACCES: "permesso negato",
        errno.EPERM: "operazione non permessa",
        errno.ENOSPC: "spazio su disco esaurito",
        errno.EROFS: "il disco è in sola lettura",
        errno.EBUSY: "la cartella è in uso",
    }
    return reasons.get(exc.errno, exc.strerror or str(exc))
