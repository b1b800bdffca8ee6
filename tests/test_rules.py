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
