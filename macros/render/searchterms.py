"""The search vocabulary for normalising sellers' queries in the browser: the words the index holds, the traditional
forms of their characters (OpenCC) and the pinyin of the terms and titles (pypinyin), cut to what the index uses."""
from __future__ import annotations

import re

from ..model.content import Content

SEPARATOR = re.compile(r"[\s\u200b\u3000\-\u3001\u3002\uff0c\uff0e\uff1f\uff01\uff1b]+")  # with CJK punctuation
HAN_WORD = re.compile(r"^[\u3400-\u9fff]{2,}$")


def vocabulary(index: dict, content: Content) -> dict:
    text = " ".join(re.sub(r"<[^>]+>", " ", doc.get("title", "") + " " + doc.get("text", "")) for doc in index.get("docs", []))
    words = sorted({w for w in [*SEPARATOR.split(text), *content.terms()] if HAN_WORD.match(w)})
    synonyms = content.search.get("synonyms", {})  # their everyday words are converted too
    return {"vocab": words, "ignore": content.search.get("ignore", []), "synonyms": synonyms, "pinyin": pinyin(content),
            "traditional": traditional(words + [w for target, more in synonyms.items() for w in (target, *more)])}


def traditional(words: list[str]) -> dict[str, str]:
    """Traditional (Taiwan, Hong Kong) character -> simplified, read from whole words, so that each variant is the
    one its context takes; a form that is itself a character of the words (a simplified one) is left alone."""
    import opencc

    converted = {(word, converter.convert(word)) for converter in map(opencc.OpenCC, ("s2t", "s2tw", "s2hk")) for word in words}
    simplified = set("".join(words))
    return dict(sorted((t, s) for word, other in converted if len(other) == len(word)
                       for t, s in zip(other, word) if t != s and t not in simplified))


def pinyin(content: Content) -> dict[str, str]:
    """Full and initial-letter pinyin (`dingdanxian`, `ddx`) of the glossary's terms, then the guide's titles."""
    from pypinyin import Style, lazy_pinyin

    titles = [t for _, data in content.sections().values() for t in (data["title"], *(p["title"] for p in data["parts"]))]
    out: dict[str, str] = {}
    for words in [*content.terms(), *titles]:
        for style in (Style.NORMAL, Style.FIRST_LETTER):
            key = "".join(lazy_pinyin(words, style=style, errors="ignore"))
            if len(key) > 1:
                out.setdefault(key, words)
    return out
