"""MkDocs hooks: the build's events are macros/render/build.py's, whose one SiteBuild per build holds the checked
data; `mkdocs serve` watches a folder again when it comes back (macros/render/serving.py)."""
from __future__ import annotations

import logging
import sys
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
    """Under `mkdocs serve`, a data or code folder that goes away and comes back is watched again, and a failed
    rebuild answers every page with its problems (not a build's code: imported here only)."""
    from macros.render.serving import guard

    guard(server, ROOT)
    return server
