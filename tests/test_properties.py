"""Property-based tests: random valid profiles and random damage to the data never end in a traceback."""
from __future__ import annotations

import copy
import json
import os

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import profile as profiles
from macros import schemacheck, validation
from macros.checklist import Generator
from macros.content import messages_part
from macros.interactive import InteractivePage
from macros.loading import DataSet, Document, parse_text
from macros.site import Site, load_site

from conftest import ROOT, schema_of

SITE = load_site(ROOT).require_valid()
CONTENT = SITE.content
STATES = list(CONTENT.states)
GEN = Generator(CONTENT)
SHOP_SCHEMA = profiles.shop_schema(CONTENT.profile, STATES)
ITEM_IDS = [i["id"] for i in CONTENT.checklist["items"]]
# Thousands of examples in CI; fewer on a developer's machine unless asked.
MANY = int(os.environ.get("HYPOTHESIS_EXAMPLES", "3000" if os.environ.get("CI") else "400"))
SOME = max(MANY // 3, 100)

names = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>"), min_size=1, max_size=100) \
    .filter(lambda s: s.strip() != "")
order_ids = st.from_regex(r"[0-9A-Za-z-]{1,40}", fullmatch=True) | st.integers(0, 10**15 - 1)  # longer ones are quoted
profiles_st = st.fixed_dictionaries(
    {"name": names, "team_size": st.integers(1, 10000), "buyer_reliance": st.sampled_from(["low", "medium", "high"]),
     "guarantee_required": st.sampled_from(["required", "not_required", "unsure"]),
     "alternative_tool": st.sampled_from(["deposit", "account_period", "none", "unsure"])},
    optional={
        "plans_to_reopen": st.booleans(),
        "orders": st.dictionaries(st.sampled_from(STATES), st.integers(0, 1_000_000)),
        "order_list": st.lists(st.fixed_dictionaries({"id": order_ids, "status": st.sampled_from(STATES)}), max_size=40),
    },
)


def as_document(data, rel="data/shops/random.yml") -> Document:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    loaded, problems = parse_text(text, rel)
    return Document(path=ROOT / rel, rel=rel, text=text, data=loaded, problems=problems)


@settings(max_examples=MANY, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles_st)
def test_random_valid_profiles_give_sound_deterministic_lists(shop):
    doc = as_document(shop)
    assert schemacheck.shop_problems(doc, SHOP_SCHEMA, {}) == [], "the strategy only makes valid profiles"
    first, second = GEN.build("random", doc.data), GEN.build("random", copy.deepcopy(doc.data))
    assert first == second
    assert first.as_json() == second.as_json()
    pre_ids = [i.id for i in first.pre]
    assert set(pre_ids + [i.id for i in first.post]) <= set(ITEM_IDS)
    assert len(set(pre_ids)) == len(pre_ids)
    blocking = [i.blocking for i in first.pre]
    assert blocking == sorted(blocking, reverse=True), "blocking items lead"
    assert first.ready == (not any(blocking)) == (not first.reasons)
    assert all(first.reasons) and len(first.reasons) == sum(blocking)
    blocked_by_guarantee = shop["guarantee_required"] != "not_required" and shop["alternative_tool"] in ("none", "unsure")
    assert first.ready == (not first.blocking_states and not blocked_by_guarantee)
    assert len(first.impact) == len(CONTENT.impact["aspects"])
    assert len(first.orders) == len(shop.get("order_list", []))
    for item in first.pre + first.post:
        assert "{" not in item.text + item.reason, "every placeholder is filled"


# -- damage to the real data files ---------------------------------------------------------------
DOCS = {rel: doc for rel, doc in SITE.dataset.docs.items()}
RELS = sorted(DOCS)
NOISE = [":", ": ", "-", "- ", " ", "  ", "\t", "\n", "'", '"', "[", "]", "{", "}", "&a", "*a", "<b>", "#", "中", "\u3000",
         "\x00", "\ufeff", "---\n", "? ", "!!python/object:os.system ", "2026-13-45", "1e9999", "~", "null"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


@st.composite
def text_damage(draw):
    rel = draw(st.sampled_from(RELS))
    text = DOCS[rel].text
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate-line"]))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(NOISE)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        else:
            lines = text.splitlines(keepends=True) or [""]
            n = at % len(lines)
            text = "".join(lines[: n + 1] + lines[n:])
    return rel, text


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, prefix + (index,))


@st.composite
def structure_damage(draw):
    rel = draw(st.sampled_from(RELS))
    data = copy.deepcopy(DOCS[rel].data)
    path = draw(st.sampled_from(list(paths(data))))
    kind = draw(st.sampled_from(["replace", "delete", "add-key"]))
    if not path:
        return rel, yaml.safe_dump(draw(json_values), allow_unicode=True)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if kind == "replace":
        parent[path[-1]] = draw(json_values)
    elif kind == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=10))] = draw(json_values)
    else:
        parent.append(draw(json_values))
    return rel, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def render_everything(site: Site) -> None:
    render = site.renderer
    for section_id in site.content.sections():
        render.section_page(section_id)
    render.faq_page(), render.glossary_page(), render.about_page(), render.home_page()
    for checklist in site.checklists.values():
        render.checklist_page(checklist, "../")
        render.checklist_page(checklist, site=False)
    render.shops_index(list(site.checklists.values()))
    InteractivePage(site.content, render).render()


def check_damaged(rel: str, text: str) -> None:
    data, problems = parse_text(text, rel)
    damaged = Document(path=DOCS[rel].path, rel=rel, text=text, data=data, problems=problems)
    dataset = DataSet(root=ROOT, docs={**DOCS, rel: damaged})
    site = Site(dataset)
    assert all(p.file and p.line >= 1 for p in site.problems)
    templates = messages_part(dataset, "errors")
    lines = site.report().splitlines()
    assert len(lines) == len(site.problems)
    for problem, line in zip(site.problems, lines):
        assert line.startswith(f"{problem.file}:{problem.line}:"), line
        assert problem.code in templates or rel == "data/messages.yml", f"{problem.code} has no message: {line}"
    if not site.errors:
        render_everything(site)


@settings(max_examples=SOME, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text_damage())
def test_damaged_text_is_reported_or_renders(case):
    check_damaged(*case)


@settings(max_examples=SOME, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(structure_damage())
def test_damaged_structure_is_reported_or_renders(case):
    check_damaged(*case)
