"""A build published as one transaction (publishing/transaction.py), in MkDocs' terms: the build writes into
a staging folder, SIGTERM ends it like Ctrl-C, the site is replaced only when MkDocs' verdict is good, and an
unexpected exception ends in Italian instead of a traceback."""

from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path

from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import get_plugin_logger

from trasparenza.problems import os_reason
from trasparenza.publishing.transaction import Publication, PublicationError

log = get_plugin_logger("trasparenza.adapters.mkdocs.plugin")


class BuildPublication:
    """From on_config to on_shutdown: the staging folder in config.site_dir, then the verdict."""

    def __init__(self, config):
        self.transaction = Publication(Path(config.site_dir), notify=log.info, warn=log.warning)
        try:
            staging = self.transaction.begin()
        except PublicationError as exc:
            raise PluginError(f"Costruzione non avviata: {exc}.") from exc
        self.config, self.built, self.sigterm = config, False, None
        config.site_dir = str(staging)
        # A CI job cancelled with SIGTERM ends like Ctrl-C: the staging folder goes, the site stays.
        if threading.current_thread() is threading.main_thread():
            self.sigterm = signal.signal(signal.SIGTERM, _interrupt)

    def _end(self) -> Publication:
        """The real site_dir and the SIGTERM handler back."""
        self.config.site_dir = str(self.transaction.final)
        if self.sigterm is not None:
            signal.signal(signal.SIGTERM, self.sigterm)
            self.sigterm = None
        return self.transaction

    def failed(self, error: BaseException, serving: bool) -> None:
        """The build failed (also when MkDocs aborts a strict build for its warnings)."""
        transaction = self._end()
        transaction.abort()
        kept = f"Sito non pubblicato: {transaction.final} resta com'era."
        explain_failure(error, kept, serving)

    def finish(self) -> None:
        """MkDocs has given its verdict (strict warnings included): publish only a build that ended well."""
        transaction = self._end()
        if not self.built:  # interrupted (Ctrl-C, SIGTERM) before the end
            transaction.abort()
            log.error(f"Costruzione interrotta: sito non pubblicato, {transaction.final} resta com'era.")
            return
        try:
            transaction.commit()
        except PublicationError as exc:
            log.error(f"Sito non pubblicato: {exc}.")
            raise SystemExit(1) from None
        log.info(f"Sito pubblicato in {transaction.final}")
        transaction.discard_previous()


def explain_failure(error: BaseException, kept: str, serving: bool) -> None:
    """MkDocs lets an unexpected exception (a full disk, another plugin's bug) end the program with a
    Python traceback; say in Italian what happened and end quietly instead (`--verbose` keeps it)."""
    if isinstance(error, MkDocsException) or serving or logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG):
        if kept:
            log.error(kept)
        return
    if isinstance(error, OSError):
        what = f"errore del disco o dei file: {os_reason(error, with_file=True)}"
    else:
        what = f"un componente della costruzione si è interrotto ({type(error).__name__}: {error})"
    log.error(" ".join(filter(None, [f"Costruzione fallita: {what}.", kept,
                                     "Per i dettagli tecnici: mkdocs build --verbose."])))
    raise SystemExit(1)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
