"""The CMS's git requests, guarded (`make edit`): its page talks to its own server, which answers here. A save is
written and committed (that file alone) only when the data check passes on data/ as the save would leave it, only
under data/, never over a file that does not parse (which the form is not given either) and never beside changes
made outside the form. Reads go on to decap-server; what the form has no use for (media, deletes) is refused."""
from __future__ import annotations

import json
import re
import shutil
import tempfile
import threading
import urllib.request
from pathlib import Path

from pypinyin import lazy_pinyin

from macros.model.checked import load_site
from macros.model.loading import load_dataset, parse_text, read_document
from macros.model.problems import Problem
from macros.model.validation import report, taken_shop_ids

from .impact import git

SAVING = threading.Lock()  # one save at a time: two tabs saving at once would each check data/ without the other
READS = {"info", "entriesByFolder", "entriesByFiles", "getEntry", "getMedia", "getMediaFile"}
RENAMED: dict[str, str] = {}  # a new shop's file as the form named it (by the clock) -> as named from the shop's name


def answer(repo: Path, payload: dict, git_server: str) -> tuple[int, dict]:
    """The (status, JSON) for one request of the CMS's local backend."""
    action, params = payload.get("action"), payload.get("params") or {}
    if action == "persistEntry":
        with SAVING:
            return save(repo, params)
    if action not in READS:
        return refused(repo, [Problem("data", 1, "", "cms_action_refused", {"action": str(action)})], 403)
    if action == "getEntry" and params.get("path") in RENAMED:  # the form reopens a new shop by the name it gave it
        params["path"] = RENAMED[params["path"]]
    broken = unparsed(repo, [str(params.get("path", ""))]) if action == "getEntry" else []
    if broken:
        return refused(repo, broken)
    request = urllib.request.Request(git_server, json.dumps(payload).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


def refused(repo: Path, problems: list[Problem], status: int = 422) -> tuple[int, dict]:
    return status, {"error": "\n" + report(load_dataset(repo), problems)}


def unparsed(repo: Path, rels: list[str]) -> list[Problem]:
    """A file on disk that does not parse, with its located error: the form must neither show nor save over it."""
    found = []
    for rel in rels:
        path = repo / rel
        if path.is_file():
            doc = read_document(path, repo)
            if doc.data is None and doc.problems:
                found += [Problem(rel, doc.problems[0].line, "", "cms_unparsed", {}), *doc.problems]
    return found


def save(repo: Path, params: dict) -> tuple[int, dict]:
    files = params.get("dataFiles") or [params.get("entry") or {}]
    rels = [str(f.get("path", "")) for f in files]
    outside = [rel for rel in rels if not inside_data(repo, rel)]
    if outside or params.get("assets") or any(f.get("newPath") for f in files):
        return refused(repo, [Problem(rel or "data", 1, "", "cms_outside_data", {}) for rel in outside or rels], 403)
    made, options = rels[0], params.get("options") or {}
    if options.get("newEntry") and made.startswith("data/shops/"):
        rels[0] = RENAMED[made] = named(repo, files[0].get("raw", "")) or made
    elsewhere = changed(repo)  # the saved file too: the form may hold it from before a hand edit
    if elsewhere:
        return refused(repo, [Problem(rel, 1, "", "cms_changed_elsewhere", {"saving": rels}) for rel in elsewhere])
    problems = unparsed(repo, rels) or would_be_problems(repo, {rel: f.get("raw", "") for rel, f in zip(rels, files)})
    if problems:
        return refused(repo, problems)
    for rel, f in zip(rels, files):
        (repo / rel).write_text(f.get("raw", ""), encoding="utf-8")
    message = str(options.get("commitMessage") or rels[0]).replace(made, rels[0])
    git(repo, "add", "--", *rels)
    git(repo, "commit", "-q", "--no-verify", "-m", message, "--", *rels)  # only these files, whatever else is staged
    return 200, {"message": "entry persisted"}


def named(repo: Path, raw: str) -> str | None:
    """A new shop's file named from its name: Han characters as pinyin, -2, -3... where the id is taken (a file, or a
    page of docs/shops/); None for a name with nothing to spell."""
    data, _ = parse_text(raw, "new")
    name = str(data.get("name") or "") if isinstance(data, dict) else ""
    base = re.sub(r"[^a-z0-9]+", "-", " ".join(lazy_pinyin(name)).lower()).strip("-")[:40].strip("-")
    taken = taken_shop_ids(repo) | {p.stem for p in (repo / "data" / "shops").iterdir()}  # no data read: names only
    return f"data/shops/{next(s for s in (base, *(f'{base}-{n}' for n in range(2, 10**4))) if s not in taken)}.yml" if base else None


def inside_data(repo: Path, rel: str) -> bool:
    target = (repo / rel).resolve()
    return rel.startswith("data/") and rel.endswith(".yml") and (repo / "data").resolve() in target.parents


def changed(repo: Path) -> list[str]:
    """Files changed or added since the last commit, by path below the repository."""
    status = git(repo, "status", "--porcelain", "-z", "--untracked-files=all", binary=True).decode("utf-8")
    return [entry[3:] for entry in status.split("\0") if entry]


def would_be_problems(repo: Path, files: dict[str, str]) -> list[Problem]:
    """The data check's errors on data/ as it would be after the save (about 0.4 s)."""
    with tempfile.TemporaryDirectory(prefix="cms-save-") as scratch:
        shutil.copytree(repo / "data", Path(scratch) / "data", symlinks=True)
        for rel, raw in files.items():
            (Path(scratch) / rel).parent.mkdir(parents=True, exist_ok=True)
            (Path(scratch) / rel).write_text(raw, encoding="utf-8")
        return load_site(scratch).errors
