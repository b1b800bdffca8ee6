"""The rule evaluator: the shared vectors, and rules that are not comparisons are refused."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.model import rules

VECTORS = json.loads((Path(__file__).parent / "vectors" / "rules.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_shared_vector(case):
    assert rules.evaluate(case["rule"], case["profile"]) is case["expected"]


def test_vectors_cover_every_operator_and_combinator():
    seen = set()
    for case in VECTORS:
        for _, comparison in rules.comparisons(case["rule"]):
            seen.add(rules.operator_of(comparison))
        text = json.dumps(case["rule"])
        seen |= {c for c in rules.COMBINATORS if f'"{c}"' in text}
    assert seen >= set(rules.OPERATORS) | set(rules.COMBINATORS)


@pytest.mark.parametrize("rule", [{"field": "team_size"}, {"field": "team_size", "gt": 1, "lt": 5}, {"gt": 1}])
def test_malformed_comparison_is_refused(rule):
    with pytest.raises(ValueError):
        rules.evaluate(rule, {"team_size": 2})


def test_comparisons_lists_every_leaf_with_its_path():
    rule = {"all": [{"field": "a", "eq": 1}, {"not": {"field": "b", "gt": 0}}]}
    assert list(rules.comparisons(rule)) == [(("all", 0), {"field": "a", "eq": 1}),
                                            (("all", 1, "not"), {"field": "b", "gt": 0})]


def test_the_schema_declares_the_operators_and_combinators_the_evaluator_knows():
    """The rule language is written three times (schema, Python, JS): the names are one set. JS: rules.test.js."""
    schema = json.loads((Path(__file__).parent.parent / "macros" / "model" / "schemas" / "checklist.schema.json").read_text(encoding="utf-8"))
    declared = set(schema["$defs"]["rule"]["properties"]) - {"field"}
    assert declared == set(rules.OPERATORS) | set(rules.COMBINATORS)
    assert set(rules.OPERATORS).isdisjoint(rules.COMBINATORS)


@pytest.mark.parametrize("rule, expected", [
    ({"field": "orders.refunding", "gt": 0}, True),
    ({"field": "orders.refunding", "gte": 1}, True),
    ({"field": "orders.refunding", "gte": 0}, False),  # 0 passes: 「还有 0 笔」
    ({"field": "orders.refunding", "eq": 2}, True),
    ({"field": "orders.refunding", "in": [1, 2]}, True),
    ({"field": "orders.refunding", "in": [0, 2]}, False),
    ({"field": "orders.refunding", "ne": 0}, False),  # a missing count passes `ne`
    ({"field": "orders.returning", "gt": 0}, False),  # another count
    ({"all": [{"field": "team_size", "gt": 1}, {"field": "orders.refunding", "gt": 0}]}, True),
    ({"any": [{"field": "team_size", "gt": 1}, {"field": "orders.refunding", "gt": 0}]}, False),
    ({"any": [{"field": "orders.refunding", "gt": 0}, {"field": "orders.refunding", "eq": 3}]}, True),
    ({"not": {"field": "orders.refunding", "eq": 0}}, False),
    (None, False),
])
def test_a_rule_guarantees_a_positive_count_only_when_every_shop_it_admits_has_one(rule, expected):
    """The check warns when an item's words quote a count its rule lets be 0 (issue 33: 「还有 0 笔订单退款中」)."""
    assert rules.positive(rule, "orders.refunding") is expected
    if rule is not None:  # the claim holds on shops: none the rule admits has 0 or no count
        for count in (None, 0, 1, 2, 3):
            shop = {"team_size": 2, "orders": {} if count is None else {"refunding": count}}
            if expected and rules.evaluate(rule, shop):
                assert count
