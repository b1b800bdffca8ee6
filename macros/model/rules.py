"""Evaluate a checklist item's `when:` rule against a shop profile: data, never eval()."""
from __future__ import annotations

import re
from typing import Any, Iterator

MISSING = object()
PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)?)\}")  # {orders.refunding} in an item's words


def lookup(profile: dict, path: str) -> Any:
    """`orders.refunding` -> profile["orders"]["refunding"]; MISSING when any step is absent."""
    value: Any = profile
    for step in path.split("."):
        if not isinstance(value, dict) or step not in value:
            return MISSING
        value = value[step]
    return value


def _same(a: Any, b: Any) -> bool:
    # true is not 1 and 1.0 is 1, as in JavaScript's ===
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _ordered(test):
    """A comparison of numbers only: anything else (text, true/false, a missing count) does not hold."""
    return lambda actual, expected: _number(actual) and _number(expected) and test(actual, expected)


# The rule language, once: each comparison by its operator, each combinator by its key. The schema's `$defs/rule`
# and checklist-core.js's tables hold the same names (tests/test_rules.py and tests/js/rules.test.js).
OPERATORS = {
    "eq": _same,
    "ne": lambda actual, expected: not _same(actual, expected),
    "gt": _ordered(lambda a, b: a > b),
    "gte": _ordered(lambda a, b: a >= b),
    "lt": _ordered(lambda a, b: a < b),
    "lte": _ordered(lambda a, b: a <= b),
    "in": lambda actual, expected: isinstance(expected, list) and any(_same(actual, item) for item in expected),
}
COMBINATORS = {
    "all": lambda rules, profile: all(evaluate(r, profile) for r in rules),
    "any": lambda rules, profile: any(evaluate(r, profile) for r in rules),
    "not": lambda rule, profile: not evaluate(rule, profile),
}


def evaluate(rule: dict | None, profile: dict) -> bool:
    """True when the rule holds for the profile; an absent rule always holds. A missing answer satisfies only `ne`."""
    if rule is None:
        return True
    for key, combine in COMBINATORS.items():
        if key in rule:
            return combine(rule[key], profile)
    op = operator_of(rule)
    actual = lookup(profile, rule["field"])
    return op == "ne" if actual is MISSING else OPERATORS[op](actual, rule[op])


def operator_of(rule: dict) -> str:
    ops = [key for key in rule if key in OPERATORS]
    if len(ops) != 1 or "field" not in rule:
        raise ValueError(f"a comparison needs `field` and exactly one of {sorted(OPERATORS)}: {rule!r}")
    return ops[0]


def comparisons(rule: dict | None, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every comparison inside a rule, with its path, for the cross-reference checks."""
    if rule is None:
        return
    for key in ("all", "any"):
        if key in rule:
            for index, sub in enumerate(rule[key]):
                yield from comparisons(sub, path + (key, index))
            return
    if "not" in rule:
        yield from comparisons(rule["not"], path + ("not",))
        return
    yield path, rule


def positive(rule: dict | None, path: str) -> bool:
    """Whether every shop the rule lets through has a number above 0 at `path`, so that words may quote it."""
    if not rule or "not" in rule:
        return False
    if "all" in rule or "any" in rule:
        return (any if "all" in rule else all)(positive(sub, path) for sub in rule.get("all", rule.get("any")))
    op = operator_of(rule)
    values = rule[op] if op == "in" else [rule[op]]
    return rule["field"] == path and op in ("gt", "gte", "eq", "in") and all(
        _number(v) and (v >= 0 if op == "gt" else v > 0) for v in values)


def fields(rule: dict | None) -> list[str]:
    """The answers a rule reads, in order, once each (JS: fields): an item's "because" line names them."""
    return list(dict.fromkeys(comparison["field"] for _, comparison in comparisons(rule)))


def with_answers(text: str, profile: dict) -> str:
    """An item's words with the shop's figures in place of its placeholders (JS: withAnswers)."""
    def value(match: re.Match) -> str:
        found = lookup(profile, match.group(1))
        return match.group(0) if found is MISSING else str(found)

    return PLACEHOLDER.sub(value, text)
