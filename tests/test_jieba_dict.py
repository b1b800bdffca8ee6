"""hooks/jieba_dict.py: the one-read cache load gives jieba exactly the dictionary it would load itself."""
from __future__ import annotations

import importlib.util
import logging
import marshal

import jieba
import pytest

from helpers import ROOT

spec = importlib.util.spec_from_file_location("jieba_dict_hook", ROOT / "hooks" / "jieba_dict.py")
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)
jieba.setLogLevel(logging.WARNING)

SAMPLE = "关闭订单险之前，先在卖家中心核对待发货、退款中和退货中的订单，并备份交易记录。"


def tokenizer(tmp_dir) -> jieba.Tokenizer:
    t = jieba.Tokenizer()
    t.tmp_dir = str(tmp_dir)
    return t


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A tokenizer that jieba initialised itself, and the folder where it wrote its cache."""
    folder = tmp_path_factory.mktemp("jieba-cache")
    ref = tokenizer(folder)
    ref.initialize()  # no cache there yet: jieba builds the dictionary and writes jieba.cache
    assert (folder / "jieba.cache").is_file()
    return ref, folder


def test_preload_gives_the_dictionary_jieba_loads_itself(reference):
    ref, folder = reference
    fast = tokenizer(folder)
    assert hook.preload(fast) is True
    assert fast.initialized
    assert fast.total == ref.total
    assert fast.FREQ == ref.FREQ
    assert fast.lcut(SAMPLE) == ref.lcut(SAMPLE)


@pytest.mark.parametrize("damage", ["missing", "empty", "truncated", "garbage", "wrong-shape", "empty-dict"])
def test_a_missing_or_damaged_cache_is_left_to_jieba(reference, tmp_path, damage):
    _, folder = reference
    cache = tmp_path / "jieba.cache"
    good = (folder / "jieba.cache").read_bytes()
    contents = {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "garbage": b"\x00not marshal data\xff" * 10,
        "wrong-shape": marshal.dumps(["not", "a", "pair"]),
        "empty-dict": marshal.dumps(({}, 0)),
    }
    if damage != "missing":
        cache.write_bytes(contents[damage])
    t = tokenizer(tmp_path)
    assert hook.preload(t) is False
    assert not t.initialized and t.FREQ == {}
    assert (cache.read_bytes() == contents[damage]) if damage != "missing" else not cache.exists()


def test_custom_dictionaries_and_loaded_tokenizers_are_not_touched(reference, tmp_path):
    _, folder = reference
    custom = tokenizer(folder)
    custom.dictionary = str(tmp_path / "my-dict.txt")  # what jieba.set_dictionary() leaves behind
    assert hook.preload(custom) is False and not custom.initialized
    own_cache = tokenizer(folder)
    own_cache.cache_file = str(tmp_path / "elsewhere.cache")
    assert hook.preload(own_cache) is False and not own_cache.initialized
    loaded = tokenizer(folder)
    loaded.FREQ, loaded.total, loaded.initialized = {"词": 1}, 1, True
    assert hook.preload(loaded) is False and loaded.FREQ == {"词": 1}


def test_the_hook_leaves_jieba_initialised_with_or_without_a_cache(reference, tmp_path, monkeypatch):
    _, folder = reference
    for where in (folder, tmp_path):  # with the cache; in an empty folder jieba builds its own
        fresh = tokenizer(where)
        monkeypatch.setattr(jieba, "dt", fresh)
        config = object()
        assert hook.on_config(config) is config
        assert fresh.initialized and fresh.FREQ
    assert (tmp_path / "jieba.cache").is_file()
