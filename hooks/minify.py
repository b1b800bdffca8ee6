"""MkDocs hook: minify the site's own scripts and styles after the build (Material's already are)."""
from __future__ import annotations

from pathlib import Path


def on_post_build(config):
    """Minify the site's own scripts and styles (Material's are minified already)."""
    from calmjs.parse import es5
    from calmjs.parse.unparsers.es5 import minify_print
    from rcssmin import cssmin

    own = Path(config.docs_dir) / "assets"
    out = Path(config.site_dir) / "assets"
    for source in sorted(own.glob("*.js")) + sorted(own.glob("*.css")):
        target = out / source.name
        if not target.exists():
            continue
        text = source.read_text(encoding="utf-8")
        small = minify_print(es5(text), obfuscate=True, obfuscate_globals=False) if source.suffix == ".js" else cssmin(text)
        target.write_text(small + "\n", encoding="utf-8")
