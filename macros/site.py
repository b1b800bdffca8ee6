"""One checked view of a site's data: the build's hook makes it once and the macros read it from the MkDocs
config (CONFIG_KEY); the CLI and the tests make their own."""
from __future__ import annotations

import functools
from pathlib import Path

from . import validation
from .content import Content
from .loading import DataSet, load_dataset

CONFIG_KEY = "order_insurance_site"  # where hooks/site_hooks.py leaves the build's Site for define_env


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

    # Made on first use: `python -m macros check` needs none of them (no renderer, no Jinja, no builder).
    @functools.cached_property
    def spec(self) -> dict:
        return self.require_valid().content.checklist_spec()

    @functools.cached_property
    def checklists(self) -> dict:
        """Every example shop's checklist, by shop id."""
        from .checklist import Generator

        generator = Generator(self.spec)
        return {shop_id: generator.build(shop_id, shop) for shop_id, shop in sorted(self.content.shops().items())}

    def shop_documents(self, date: str) -> dict[str, dict]:
        from .checklist import document

        return {shop_id: document(checklist, self.spec, date) for shop_id, checklist in self.checklists.items()}

    @functools.cached_property
    def renderer(self):
        from .rendering import Renderer

        return Renderer(self.require_valid().content)


def load_site(root: str | Path) -> Site:
    """Read and check the data under root."""
    return Site(load_dataset(root))
