"""One checked view of a site's data: its files, every problem found in them, and the Content of the valid ones.
The build makes one per build; the command line and the tests make their own."""
from __future__ import annotations

from pathlib import Path

from . import validation
from .content import Content
from .loading import DataSet, load_dataset


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


def load_site(root: str | Path) -> Site:
    """Read and check the data under root."""
    return Site(load_dataset(root))
