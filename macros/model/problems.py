"""A problem found in the data, and how it is worded for the person who made it."""
from __future__ import annotations

import dataclasses
import re
from typing import Any, Iterable

from .text import escaped

_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_INDEX = re.compile(r"\[([0-9]+)\]")  # entries[16] in a path: the 17th entry, worded by the messages' path_item


def fill(template: str, args: dict) -> str:
    """`{name}` from args, `{{`/`}}` as braces; anything else an editor typed stays as it is."""

    def sub(match: re.Match) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return str(args[match.group(1)]) if match.group(1) in args else token

    return _FIELD.sub(sub, template)


# For a code that no message file words (macros/fallback-messages.yml covers a broken data/messages.yml; a test
# checks that every code reaches it): the developer who added the code sees it, never an editor.
FALLBACK = "{code}: {args}"


class Either(tuple):
    """Alternatives in a message ("text or integer"), joined by the messages' `or_separator`."""


def joined(value: Any, templates: dict[str, str]) -> Any:
    """A list argument as the editor reads it: joined with the separators from data/messages.yml."""
    if isinstance(value, Either):
        return templates.get("or_separator", " / ").join(map(str, value))
    if isinstance(value, (list, tuple)):
        return templates.get("list_separator", ", ").join(map(str, value)) or "-"
    return value


@dataclasses.dataclass(frozen=True)
class Problem:
    file: str
    line: int
    path: str
    code: str
    args: dict = dataclasses.field(default_factory=dict, compare=False, hash=False)
    severity: str = "error"

    def message(self, templates: dict[str, str]) -> str:
        template = templates.get(self.code)
        if template is None:
            return FALLBACK.format(code=self.code, args=self.args)
        return fill(template, {name: joined(value, templates) for name, value in self.args.items()})

    def format(self, templates: dict[str, str]) -> str:
        """`file:line: path: message` on one line, whatever control characters the data holds."""
        where = f"{self.file}:{self.line}:"
        path = _INDEX.sub(lambda m: fill(templates.get("path_item", "[{n}]"), {"n": int(m.group(1)) + 1}), self.path)
        field = f" {printable(path)}:" if self.path else ""
        return f"{where}{field} {printable(' '.join(self.message(templates).split()))}"


def printable(text: str) -> str:
    """A message shows every character a terminal would act on (a line break, ESC, U+2028) as its escape."""
    return "".join(ch if ch.isprintable() else escaped(ch) for ch in text)


def path_text(path: Iterable[Any]) -> str:
    """`entries[0].id` style (a message words each index from 1, with data/messages.yml's path_item)."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + str(step)
    return out
