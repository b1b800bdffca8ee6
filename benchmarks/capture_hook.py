"""Benchmark-only MkDocs hook: write each page's Markdown as it stands after the macros ran."""
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority


@event_priority(-100)  # after mkdocs-macros
def on_page_markdown(markdown, page, config, files):
    out = Path(os.environ["CAPTURE_DIR"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = f"---\n{yaml.safe_dump(page.meta, allow_unicode=True)}---\n" if page.meta else ""
    out.write_text(meta + markdown, encoding="utf-8")
    return markdown
