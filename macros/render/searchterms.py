"""The search vocabulary: the words the index holds, for normalising sellers' queries in the browser."""
from __future__ import annotations

import re

from ..model.content import Content

SEPARATOR = re.compile(r"[\s\u200b\u3000\-\u3001\u3002\uff0c\uff0e\uff1f\uff01\uff1b]+")  # with CJK punctuation
HAN_WORD = re.compile(r"^[\u3400-\u9fff]{2,}$")


def vocabulary(index: dict, content: Content) -> dict:
    words: set[str] = set()
    for doc in index.get("docs", []):
        for token in SEPARATOR.split(re.sub(r"<[^>]+>", " ", doc.get("title", "") + " " + doc.get("text", ""))):
            if HAN_WORD.match(token):
                words.add(token)
    words |= {w for w in content.terms() if HAN_WORD.match(w)}
    search = content.search
    return {"vocab": sorted(words), "ignore": search.get("ignore", []), "synonyms": search.get("synonyms", {})}
