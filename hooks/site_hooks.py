"""MkDocs hooks: the build's events are macros/render/build.py's, whose one SiteBuild per build holds the checked
data. Under `mkdocs serve`, a data or code folder that goes away and comes back is watched again."""
from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.render import build  # noqa: E402  (the project root is on the path from here on)
from macros.render.build import on_files, on_page_content, on_page_context, on_page_markdown, on_post_build  # noqa: E402,F401


@event_priority(100)  # before mkdocs-macros calls define_env
def on_config(config):
    try:
        import jieba
    except ImportError as err:  # an unsegmented Chinese index is useless: refuse to build one
        raise PluginError("jieba is required for Chinese search segmentation: pip install -r requirements.txt") from err
    jieba.setLogLevel(logging.WARNING)
    build.configure(config, jieba)
    return config


def on_serve(server, config, builder):
    """`mkdocs serve` stops watching a folder that goes away (moved, or checked out anew): watch it again when it is
    back, and rebuild both times, so that the page and the log always say what the data now is."""
    folders = [str(ROOT / name) for name in ("data", "macros")]
    bell = tempfile.TemporaryDirectory(prefix="order-insurance-serve-")  # a change in it asks for a rebuild
    server.watch(bell.name)
    threading.Thread(target=_rearm, args=(server, folders, bell), daemon=True).start()
    return server


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
