"""The one registry of data-file kinds: where each lives, the schema it follows (`<kind>.schema.json`), and the
pages whose words it holds. The checks, the pages' edit links, the editors' guide, the CMS and the code editor's
schema settings are all derived from it: adding a kind of data file is one entry here plus its schema."""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # the schema is <name>.schema.json; its title and description name the file for editors
    pattern: str  # the file, or files, relative to the checkout
    pages: tuple[str, ...] = ()  # the pages (docs/<page>.md) whose words live in this file

    @property
    def many(self) -> bool:
        return "*" in self.pattern

    @property
    def folder(self) -> str:
        return self.pattern.rsplit("/", 1)[0]


# In the order the editors' guide lists them. Guide sections are pages by their own id (docs/<id>.md);
# a shop's page is shops/<file name>.
KINDS = (
    Kind("site", "data/site.yml", ("index",)),
    Kind("section", "data/guide/*.yml"),
    Kind("faq", "data/faq.yml", ("faq",)),
    Kind("glossary", "data/glossary.yml", ("glossary",)),
    Kind("tables", "data/tables.yml"),
    Kind("order_states", "data/order_states.yml"),
    Kind("impact", "data/impact.yml"),
    Kind("profile", "data/profile.yml"),
    Kind("checklist", "data/checklist.yml", ("checklist", "shops/index")),
    Kind("shop", "data/shops/*.yml"),
    Kind("sources", "data/sources.yml", ("about",)),
    Kind("messages", "data/messages.yml"),
    Kind("search", "data/search.yml"),
    Kind("editor", "data/editor.yml", ("editor",)),
)
BY_NAME = {kind.name: kind for kind in KINDS}
SINGLE = tuple(kind for kind in KINDS if not kind.many)  # each must exist


def kind_of(rel: str) -> str | None:
    """Which kind a data file is, from where it lives; None for a file the site does not know."""
    return next((k.name for k in KINDS if fnmatch.fnmatchcase(rel, k.pattern) and rel.count("/") == k.pattern.count("/")), None)


def fixed_pages() -> tuple[str, ...]:
    """The pages that exist without a file of their own in data/guide/ (links may point at them)."""
    return tuple(dict.fromkeys(page.split("/")[0] for k in KINDS for page in k.pages))


def file_for_page(page: str, section_files: dict[str, str]) -> str | None:
    """The data file behind docs/<page>.md; guide sections by id from `section_files`."""
    for kind in SINGLE:
        if page in kind.pages:
            return kind.pattern
    if page.startswith("shops/"):
        return f"{BY_NAME['shop'].folder}/{page.removeprefix('shops/')}.yml"
    return section_files.get(page)
