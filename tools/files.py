"""Writing the command line's output files: only inside the folder asked for, never through a link."""
from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path


def leaves(path: Path, folder: Path) -> bool:
    """A link (or a link on the way) that takes a file found in `folder` out of it."""
    return folder.resolve() not in path.resolve().parents


def write_inside(folder: Path, name: str, text: str) -> bool:
    """Write folder/name through a temporary file renamed into place; never through a link or onto a non-file."""
    target = folder / name
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return False
    temporary = folder / f".{name}.{secrets.token_hex(6)}.part"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, target)  # a rename replaces the entry itself, inside `folder`
    return True


def out_problem(out: Path, root: Path) -> tuple | None:
    """Why `--out` cannot take the lists, as (code, args); None when it can (it is then created)."""
    inside = [root.resolve() / "data", root.resolve() / "docs"]
    if any(out.resolve() == folder or folder in out.resolve().parents for folder in inside):
        return "out_inside_site", {}  # a .md or .json among the data or the pages would be read as one of them
    try:
        out.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=out).close()
    except OSError as err:
        return "out_unusable", {"reason": err.strerror or type(err).__name__}
    return None
