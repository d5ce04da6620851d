"""Python's cycle collector during a build: the plan, once loaded, lives until the build ends."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def long_lived(build: bool):
    """The collector would go through the plan again and again while it is built and while the pages are
    made (seconds for a large plan): a build loads it with the collector paused, then leaves it out of later
    collections (gc.freeze, undone by `release`). The preview, which loads a new plan at every rebuild, keeps
    the collector as it is."""
    if not build:
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def release() -> None:
    """At the end of a build: a later build in this process (a script, a test) loads a plan of its own."""
    gc.unfreeze()
