"""What must mirror the internals of MkDocs 1.6 (frozen at 1.6.1) and of its watchdog observer, in one place.

MkDocs has no public call to render one page outside its build loop, to ask its live server for a rebuild,
or to change how often watchdog polls. What this module does by hand follows the MkDocs code named in
MIRRORED; `tests/test_motori.py` fails when the source of any of them changes, so an upgrade is read here
before it is trusted.
"""

from __future__ import annotations

import hashlib
import inspect

from mkdocs.commands.build import get_context

# The MkDocs functions mirrored here, and the SHA-256 of their source in MkDocs 1.6.1. (watchdog's `_timeout`
# is checked by what it does: tests/test_motori.py.)
MIRRORED = {
    "mkdocs.commands.build._build_page": "adcdbd14b236112697cafec9171bd281981f15a776e0d2f941a62e7bffd9a0d5",
    "mkdocs.livereload.LiveReloadServer.watch": "5db077e3a3e7f8e3ee992d6a96823abdce09565d558580452139816005fe1f1c",
    "mkdocs.livereload.LiveReloadServer.unwatch": "24bd7d23db286d686f3572922bef176d0b47d45a5942df82cb4efdbfaa1bd499",
    "mkdocs.livereload.LiveReloadServer._build_loop": "0bea1402bb4a41bfd626e0532bc254a1c5e3eafac07b73eef5bceef484852e31",
}


def source_hash(qualified: str) -> str:
    """The SHA-256 of the source of a function named by its dotted path."""
    module, _, rest = qualified.partition(".")
    obj = __import__(module)
    for part in qualified.split(".")[1:]:
        obj = getattr(obj, part) if hasattr(obj, part) else __import__(f"{obj.__name__}.{part}", fromlist=[part])
    return hashlib.sha256(inspect.getsource(obj).encode("utf-8")).hexdigest()


def render_page(page, *, nav, doc_files, config, env, template: str = "main.html") -> str:
    """The page's HTML as mkdocs.commands.build._build_page makes it, its plugins' events included (it
    raises what they raise). For a page whose content is already set: nothing is read or converted."""
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = env.get_template(template).render(context)
        return config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        config._current_page = None


def stop_watching(server, path: str) -> None:
    """LiveReloadServer.unwatch raises for a path it does not watch: it knows them in `_watched_paths`."""
    if path in server._watched_paths:
        server.unwatch(path)


def watch_again(server, path: str) -> None:
    """Watch a folder that came back (LiveReloadServer.watch refuses a path it already has)."""
    stop_watching(server, path)
    server.watch(path)


def rebuild_now(server) -> None:
    """What LiveReloadServer's own watcher does when a file changes: ask its build loop for a rebuild."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def poll_every(server, paths: list[str], seconds: float) -> None:
    """watchdog's polling emitters keep their interval in `_timeout` (no public setter), read at every turn
    of their loop: those of `paths` look every `seconds`."""
    wanted = set(paths)
    for emitter in list(getattr(server.observer, "emitters", ())):
        if emitter.watch.path in wanted and hasattr(emitter, "_timeout"):
            emitter._timeout = seconds
