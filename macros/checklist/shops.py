"""The example shops' checklists (data/shops/*.yml), as the shop pages and the impact report show them."""
from __future__ import annotations

from ..model.content import Content
from .builder import Checklist, Generator, list_document
from .spec import checklist_spec


def shop_checklists(content: Content, spec: dict) -> dict[str, Checklist]:
    """Every valid example shop's checklist, by shop id."""
    generator = Generator(spec)
    return {shop_id: generator.build(shop_id, shop) for shop_id, shop in sorted(content.shops().items())}


def shop_documents(checklists: dict[str, Checklist], spec: dict, date: str) -> dict[str, dict]:
    return {shop_id: list_document(checklist, spec, date) for shop_id, checklist in checklists.items()}


def example_documents(content: Content, date: str) -> dict[str, dict]:
    """Every valid example shop's list document, by shop id, from the data alone."""
    spec = checklist_spec(content)
    return shop_documents(shop_checklists(content, spec), spec, date)
