"""One validated view of a site's data, shared by the MkDocs plugin, the hooks and the CLI."""
from __future__ import annotations

import functools
from pathlib import Path

from . import validation
from .checklist import Checklist, Generator, document
from .content import Content
from .loading import DataSet, load_dataset
from .rendering import Renderer


class DataError(Exception):
    """The data has errors; str() is the full report, one problem per line."""


class Site:
    def __init__(self, dataset: DataSet):
        self.dataset = dataset
        self.problems = validation.check(dataset)
        self.errors = validation.errors(self.problems)
        self.warnings = [p for p in self.problems if p.severity != "error"]
        self.content = Content(dataset)

    def report(self, problems=None) -> str:
        return validation.report(self.dataset, self.problems if problems is None else problems)

    def require_valid(self) -> "Site":
        if self.errors:
            raise DataError(self.report(self.errors))
        return self

    @functools.cached_property
    def spec(self) -> dict:
        return self.require_valid().content.checklist_spec()

    @functools.cached_property
    def checklists(self) -> dict[str, Checklist]:
        """Every example shop's checklist, built once per data set."""
        generator = Generator(self.spec)
        return {shop_id: generator.build(shop_id, shop) for shop_id, shop in sorted(self.content.shops().items())}

    def shop_documents(self, date: str) -> dict[str, dict]:
        return {shop_id: document(checklist, self.spec, date) for shop_id, checklist in self.checklists.items()}

    @functools.cached_property
    def renderer(self) -> Renderer:
        return Renderer(self.require_valid().content)


def load_site(root: str | Path) -> Site:
    """Load and check the data under root; the same Site comes back while no data file changed."""
    return _site_for(load_dataset(root))


@functools.lru_cache(maxsize=4)
def _site_for(dataset: DataSet) -> Site:
    return Site(dataset)
