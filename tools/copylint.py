"""Chinese copy lint: CJK spacing and full-width punctuation in every text of data/, via autocorrect."""
from __future__ import annotations

import re
from typing import Iterator

import autocorrect_py

from macros.model.loading import DataSet
from macros.model.problems import Problem, path_text
from macros.model.schemacheck import walk_strings

# Placeholders ({team_size}) and literal code ({{field: x}}) are not prose: keep them as they are.
PROTECTED = re.compile(r"\{\{.*?\}\}|\{[a-z_.]+\}")
# Keys whose values are identifiers, dates or URLs rather than sentences.
NOT_PROSE = {"id", "key", "value", "link", "page", "source", "sources", "ref", "reviewed", "url", "table", "field", "type", "phase"}


def suggest(text: str) -> str:
    """The text as autocorrect would write it, with placeholders left untouched."""
    kept: list[str] = []

    def hide(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"\ue000{len(kept) - 1}\ue001"

    fixed = autocorrect_py.format(PROTECTED.sub(hide, text))
    return re.sub("\ue000(\\d+)\ue001", lambda m: kept[int(m.group(1))], fixed)


def lint(dataset: DataSet) -> Iterator[Problem]:
    for rel, doc in dataset.docs.items():
        if not doc.ok:
            continue
        for path, text in walk_strings(doc.data):
            if path and (path[-1] in NOT_PROSE or (len(path) > 1 and path[-2] in NOT_PROSE)):
                continue
            fixed = suggest(text)
            if fixed != text:
                yield Problem(rel, doc.line_of(list(path)), path_text(path), "copy_lint",
                              {"found": text, "fixed": fixed}, "error")
