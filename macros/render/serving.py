"""`mkdocs serve` only: a data or code folder that goes away (moved, or checked out anew) is watched again when it is
back, and the site is rebuilt both times, so that the page and the log always say what the data now is. Imported by
the hook's `on_serve`, never by a build."""
from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path


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
