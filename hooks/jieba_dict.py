"""MkDocs hook: load jieba's prefix dictionary from its cache in one read.

jieba 0.42.1 reads its cache (`jieba.cache`, about 9 MB) with `marshal.load(file)`, which asks the
file object for every one of its half a million strings: about 1 to 1.8 s here, a third of a build.
`marshal.loads` over the same bytes read at once builds the same dictionary in about 0.45 s.
Anything unusual (a custom dictionary, no cache yet, a damaged cache) is left to jieba itself,
which builds the dictionary and writes the cache as it always does.

Worth writing jieba's internals: it saves about 1.0 s of a 2.85 s build, 35 % (3 builds each way,
`time mkdocs build` with and without this hook, 2026-11-27), which an editor feels on every save.
"""
from __future__ import annotations

import marshal
import os
import tempfile

from mkdocs.plugins import event_priority


def preload(tokenizer) -> bool:
    """Fill `tokenizer` (a jieba.Tokenizer) from jieba's own default cache file; False if not done."""
    if tokenizer.initialized or tokenizer.dictionary is not None or tokenizer.cache_file:
        return False  # already loaded, or not the default dictionary: jieba's own path
    path = os.path.join(tokenizer.tmp_dir or tempfile.gettempdir(), "jieba.cache")
    try:
        with open(path, "rb") as cache:
            freq, total = marshal.loads(cache.read())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(freq, dict) or not isinstance(total, int) or not freq:
        return False
    with tokenizer.lock:
        if tokenizer.initialized:
            return False
        tokenizer.FREQ, tokenizer.total = freq, total
        tokenizer.initialized = True
    return True


@event_priority(200)  # before anything asks jieba for a word (the site hook adds the glossary terms)
def on_config(config):
    try:
        import jieba
    except ImportError:
        return config  # the site hook says what is missing
    if not preload(jieba.dt):
        jieba.dt.initialize()  # first build on this machine: jieba builds its dictionary and the cache
    return config
