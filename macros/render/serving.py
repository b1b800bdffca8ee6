"""`mkdocs serve` only: a data or code folder that goes away (moved, or checked out anew) is watched again when it is
back, and the site is rebuilt both times, so that the page and the log always say what the data now is; a failed
rebuild answers every page at once with its located problems. Imported by the hook's `on_serve`, never by a build."""
from __future__ import annotations

import os
import tempfile
import threading
import time
from html import escape
from pathlib import Path

from ..model.checked import load_site
from ..model.content import messages_part
from .build import FAILED


def guard(server, root: Path) -> None:
    """What `mkdocs serve` adds to MkDocs' own server for this project (the hook's `on_serve`)."""
    rewatch(server, [str(root / name) for name in ("data", "macros")])
    answer_when_broken(server, root)


def rewatch(server, folders: list[str]) -> None:
    """MkDocs stops watching a folder that goes away; a change in the bell folder asks for a rebuild."""
    bell = tempfile.TemporaryDirectory(prefix="order-insurance-serve-")
    server.watch(bell.name)
    threading.Thread(target=_rearm, args=(server, folders, bell), daemon=True).start()


def _rearm(server, folders: list[str], bell: tempfile.TemporaryDirectory) -> None:
    present = {folder: os.path.isdir(folder) for folder in folders}
    while True:
        time.sleep(0.5)
        for folder, was in present.items():
            now = present[folder] = os.path.isdir(folder)
            if now == was:
                continue
            if now:
                try:
                    server.unwatch(folder)
                except KeyError:
                    pass
                server.watch(folder)
            (Path(bell.name) / "rebuild").write_text(str(time.time()), encoding="utf-8")


def answer_when_broken(server, root: Path) -> None:
    """MkDocs answers no page after a failed rebuild until a good one (every request waits). Instead the failed
    build counts as done, and while it stands every page is an error page: the located problems, a link to the last
    good version of the page (`?last-good`), and a reload every two seconds, so the next good save shows itself."""
    build, serve, broken = server.builder, server.serve_request, {}

    def builder(*args, **kwargs):
        try:
            build(*args, **kwargs)
            broken.clear()
        except Exception as err:  # noqa: BLE001 (any failure: the page says what it was)
            broken["why"] = failure(root, err)

    def serve_request(environ, start_response):
        with server._epoch_cond:  # as MkDocs 1.6 does: a request during a rebuild gets what that rebuild gives
            server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
        path = environ.get("PATH_INFO", "")
        if broken and "last-good" not in environ.get("QUERY_STRING", "") and (path.endswith("/") or path.endswith(".html")):
            start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8")])
            return [error_page(*broken["why"], path)]
        return serve(environ, start_response)

    server.builder = builder
    server.set_app(serve_request)


def failure(root: Path, err: Exception) -> tuple[dict, str]:
    """The page's words and what went wrong: the data check's located problems (as the failed build found them), or
    the error itself."""
    site = FAILED.pop("site", None) or load_site(root)
    return messages_part(site.dataset, "ui"), site.report(site.errors) if site.errors else f"{type(err).__name__}: {err}"


def error_page(ui: dict, found: str, path: str) -> bytes:
    return (f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta http-equiv="refresh" content="2">'
            f'<meta name="viewport" content="width=device-width"><title>{escape(ui["serve_broken_title"])}</title>'
            f'<h1>{escape(ui["serve_broken_title"])}</h1><p>{escape(ui["serve_broken_text"])}</p>'
            f'<pre style="white-space:pre-wrap">{escape(found)}</pre>'
            f'<p><a href="{escape(path)}?last-good">{escape(ui["serve_last_good"])}</a></p></html>').encode()
