"""One rule for every text, in the data and in a seller's answers: no control character and no direction
override, and something visible once invisible characters are taken out. The same classes are in the schemas
(common.schema.json, the shop schema) and in docs/assets/checklist-core.js; tests hold them together."""
from __future__ import annotations

import re

# C0 controls but tab and line ends, DEL, C1 controls (U+0085 included), line and paragraph separators,
# and the bidi embeddings, overrides and isolates that reorder what a reader sees.
FORBIDDEN_CLASS = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069"
# What shows nothing: spaces of every kind, zero-width characters and marks, the BOM, the soft hyphen, fillers.
INVISIBLE_CLASS = "\\s\\u00ad\\u034f\\u115f\\u1160\\u180e\\u200b-\\u200f\\u2060-\\u2064\\u3164\\ufeff\\uffa0"

FORBIDDEN = re.compile(f"[{FORBIDDEN_CLASS}]")
VISIBLE = re.compile(f"[^{INVISIBLE_CLASS}{FORBIDDEN_CLASS}]")
SHOWN_ESCAPED = re.compile(f"[{FORBIDDEN_CLASS}\\u00ad\\u034f\\u180e\\u200b-\\u200f\\u2060-\\u2064\\ufeff]")


def forbidden(text: str) -> str | None:
    """The first character the rule refuses, or None."""
    match = FORBIDDEN.search(text)
    return match.group(0) if match else None


def blank(text: str) -> bool:
    return not VISIBLE.search(text)


def escaped(ch: str) -> str:
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def visible(text: str) -> str:
    """Text from a file as a terminal or a page may show it: each control or invisible character as its escape."""
    return SHOWN_ESCAPED.sub(lambda m: escaped(m.group(0)), text)


def schema_pattern(multiline: bool) -> str:
    """The JSON-Schema pattern of the rule: one line, or text that may hold line breaks."""
    breaks = "" if multiline else "\\t\\n\\r"
    return f"^(?=[\\s\\S]*[^{INVISIBLE_CLASS}])[^{FORBIDDEN_CLASS}{breaks}]*(?![\\s\\S])"
