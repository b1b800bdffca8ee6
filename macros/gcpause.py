"""Pause Python's cyclic garbage collector around work that makes many objects and no cycles."""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def gc_paused():
    """Reading and checking make tens of thousands of small objects and no reference cycles:
    the cyclic collector would only walk the host's whole heap (all of MkDocs, in a build)
    again and again for nothing. Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
