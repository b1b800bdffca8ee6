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


# What a page's own content never holds: an event-handler attribute, or a javascript: address.
HANDLER = re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=|\b(?:href|src|action|formaction)\s*=\s*[\"']?\s*(javascript:)", re.I)


def live_code(content: str) -> str | None:
    """The first code a page's content would run of its own (an inline script, an event handler, a javascript:
    address), as the words that start it; None when it has none. The site runs only the scripts the project and
    Material ship: their files, and Material's own inline scripts outside the content (hashed below)."""
    for match in INLINE_SCRIPT.finditer(content):
        if not RUNS.search(match.group("attrs")):
            return "<script"
    found = HANDLER.search(content)
    return (found.group(1) or found.group(2)) if found else None


def source_line(source: str, found: str) -> int:
    """The line of a page's source where the code first appears (1 when it came from elsewhere)."""
    at = source.lower().find(found.lower())
    return source.count("\n", 0, at) + 1 if at >= 0 else 1


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
