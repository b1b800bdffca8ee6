"""What a data change does to the example shops: their checklists at a git ref and in the working tree, compared.

Both sides are built by the current code from their own data/ (editors change data, not code). The report is
Markdown: readable in a terminal, and CI appends it to a pull request's job summary.
"""
from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .site import DataError, load_site


def git(root: Path, *args: str, binary: bool = False):
    run = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True)
    return run.stdout if binary else run.stdout.decode("utf-8").strip()


def default_base(root: Path) -> str:
    """The merge base with main, or HEAD where there is no main branch."""
    try:
        return git(root, "merge-base", "HEAD", "main")
    except subprocess.CalledProcessError:
        return "HEAD"


def documents_at(root: Path, ref: str, date: str) -> dict[str, dict]:
    """Every example shop's checklist document from the data of a commit (read from git, never checked out)."""
    archive = git(root, "archive", "--format=tar", ref, "data", "docs", binary=True)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return load_site(tmp).shop_documents(date)


def placed(doc: dict) -> dict[str, tuple[str, dict]]:
    """Each item of a checklist by id, with the group it is in."""
    return {item["id"]: (group["title"], item) for group in doc["groups"] for item in group["items"]}


def shop_changes(before: dict | None, after: dict | None, ui) -> list[str]:
    """The lines that say how one shop's checklist changed; empty when it did not."""
    if before is None or after is None:
        return [ui("change_shop_added" if before is None else "change_shop_removed")]
    lines = []
    was, now = placed(before), placed(after)
    for item_id in now.keys() - was.keys():
        lines.append(ui("change_added", item=item_id, group=now[item_id][0]))
    for item_id in was.keys() - now.keys():
        lines.append(ui("change_removed", item=item_id, group=was[item_id][0]))
    for item_id in sorted(was.keys() & now.keys()):
        (group_was, old), (group_now, new) = was[item_id], now[item_id]
        if group_was != group_now:
            lines.append(ui("change_moved", item=item_id, before=group_was, after=group_now))
        if old["reason"] != new["reason"]:
            lines.append(ui("change_reason", item=item_id, before=old["reason"] or "-", after=new["reason"] or "-"))
    verdict = [ui("change_verdict", before=before["verdict"]["title"], after=after["verdict"]["title"])] \
        if before["verdict"]["title"] != after["verdict"]["title"] else []
    return verdict + sorted(lines)


def report(root: Path, base: str, date: str) -> tuple[str, bool]:
    """The Markdown report and whether anything changed."""
    site = load_site(root).require_valid()
    ui = site.content.ui
    try:
        before = documents_at(root, base, date)
    except DataError as err:  # the base's data is read by the current code: say so before its problems
        raise DataError(ui("change_base_invalid", base=base) + "\n" + str(err)) from None
    after = site.shop_documents(date)
    out = []
    for shop in sorted(before.keys() | after.keys()):
        lines = shop_changes(before.get(shop), after.get(shop), ui)
        if lines:
            name = (after.get(shop) or before[shop])["name"]
            out += [ui("change_shop", shop=shop, name=name)] + [f"- {line}" for line in lines] + [""]
    if not out:
        return ui("change_none", base=base) + "\n", False
    return "\n".join([ui("change_title", base=base), ""] + out), True

