"""The Content-Security-Policy of the built site: exactly the scripts it runs, hashed at build time.

Material writes a few inline scripts into every page (the scope, the palette, the scroll to an
anchor); the scope script differs with the page's depth. Their hashes, and nothing inline
besides, are allowed. JSON data blocks (`type="application/json"`) never run, so they need none.
"""
from __future__ import annotations

import base64
import hashlib
import re
from typing import Iterable

# An inline script: no src, and a type that runs (none, or a JavaScript one).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
RUNS = re.compile(r"""\btype\s*=\s*["']?(?!(?:text/javascript|application/javascript|module)\b)""", re.I)
# Everything else from this origin only; icons in Material's CSS are data: SVG images.
BASE = {"default-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"], "font-src": ["'self'"],
        "connect-src": ["'self'"], "worker-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"],
        "form-action": ["'self'"], "frame-ancestors": ["'none'"]}


def script_hashes(pages: Iterable[str]) -> list[str]:
    """`'sha256-…'` of every distinct inline script that runs, in the HTML of every page."""
    found = set()
    for page in pages:
        for match in INLINE_SCRIPT.finditer(page):
            if not RUNS.search(match.group("attrs")):
                digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
                found.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(found)


def policy(hashes: list[str]) -> str:
    directives = dict(BASE, **{"script-src": ["'self'", *hashes]})
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def headers_file(value: str) -> str:
    """`_headers` for static hosts (Netlify, Cloudflare Pages): one rule for every path."""
    return f"/*\n  Content-Security-Policy: {value}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"


def nginx_file(value: str) -> str:
    """The same headers for nginx: `include` it in the site's `server` or `location` block."""
    return (f"add_header Content-Security-Policy \"{value}\" always;\n"
            "add_header X-Content-Type-Options \"nosniff\" always;\n"
            "add_header Referrer-Policy \"no-referrer\" always;\n")
