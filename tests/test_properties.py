"""Property-based tests: random valid profiles and random damage to the data never end in a traceback."""
from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.checklist import plainmd
from macros.checklist.shops import shop_documents
from macros.checklist.spec import checklist_spec
from macros.model import schemacheck
from macros.render.build import SiteBuild
from tools import __main__ as cli
from macros.model import text as text_rule
from macros.checklist.builder import GROUPS, Generator, list_document as document
from macros.model.content import messages_part
from macros.render.guidepages import GuidePages
from macros.render.checklistpage import ChecklistPage
from macros.model.loading import DataSet, Document, parse_text
from macros.render.shoppages import ShopPages
from macros.model.checked import Site

from helpers import CONTENT, EXAMPLES, ROOT, SITE, TODAY

STATES = [key for key, state in CONTENT.states.items() if not state.get("from_file")]  # a seller can count these
SPEC = checklist_spec(CONTENT)
GEN = Generator(SPEC)
ITEM_IDS = [i["id"] for i in CONTENT.checklist["items"]]
# EXAMPLES per property (200 in make test, 100 in make test-fast, 9,000 in make hunt).
MANY = EXAMPLES
SOME = max(MANY // 3, 30)  # the properties that render every page: a third as many (66 in make test)

names = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>"), min_size=1, max_size=100) \
    .filter(lambda s: text_rule.forbidden(s) is None and not text_rule.blank(s))  # the one text rule
order_ids = st.from_regex(r"[0-9A-Za-z-]{1,40}", fullmatch=True) | st.integers(0, 10**15 - 1)  # longer ones are quoted
profiles_st = st.fixed_dictionaries(
    {"name": names, "team_size": st.integers(1, 10000), "buyer_reliance": st.sampled_from(["low", "medium", "high"]),
     "guarantee_required": st.sampled_from(["required", "not_required", "unsure"]),
     "alternative_tool": st.sampled_from(["deposit", "account_period", "none", "unsure"]),
     "open_orders": st.sampled_from(["yes", "no", "unsure"])},
    optional={
        "plans_to_reopen": st.booleans(),
        "orders": st.dictionaries(st.sampled_from(STATES), st.integers(0, 1_000_000)),
        "order_list": st.lists(st.fixed_dictionaries({"id": order_ids, "state": st.sampled_from(STATES)}), max_size=40),
    },
)


def agreeing(shop: dict) -> dict:
    """Counts and listed orders of open states only with "yes, there are open orders": anything else contradicts itself."""
    if shop["open_orders"] == "yes":
        return shop
    still = lambda state: CONTENT.states[state]["handled"]
    out = dict(shop, orders={k: n for k, n in shop.get("orders", {}).items() if still(k)})
    return dict(out, order_list=[o for o in shop.get("order_list", []) if still(o["state"])])


def as_document(data, rel="data/shops/random.yml") -> Document:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    loaded, problems = parse_text(text, rel)
    return Document(path=ROOT / rel, rel=rel, text=text, data=loaded, problems=problems)


@settings(max_examples=MANY, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles_st.map(agreeing))
def test_random_valid_profiles_give_sound_deterministic_lists(shop):
    doc = as_document(shop)
    assert schemacheck.shop_problems(doc, CONTENT, {}) == [], "the strategy only makes valid profiles"
    first, second = GEN.build("random", doc.data), GEN.build("random", copy.deepcopy(doc.data))
    assert first == second
    listed = document(first, SPEC, TODAY)
    assert listed == document(second, SPEC, TODAY)
    ids = [i.id for i in first.items]
    assert set(ids) <= set(ITEM_IDS) and len(set(ids)) == len(ids)
    ranks = [GROUPS.index(i.group) for i in first.items]
    assert ranks == sorted(ranks), "blocking items lead, then each phase"
    blocking = first.group("blocking")
    assert first.ready == (not blocking) == (not first.reasons) == listed["ready"]
    assert all(first.reasons) and all(i.action for i in blocking)
    then = first.group("pre") + first.group("during")
    assert listed["next"]["text"] == (blocking[0].action if blocking else then[0].action or then[0].text)
    open_states = [k for k in STATES if not CONTENT.states[k]["handled"] and first.profile["orders"][k] > 0]
    blocked_by_guarantee = shop["guarantee_required"] != "not_required" and shop["alternative_tool"] in ("none", "unsure")
    blocked_by_orders = shop["open_orders"] == "unsure" or (shop["open_orders"] == "yes" and not open_states)
    assert first.ready == (not open_states and not blocked_by_guarantee and not blocked_by_orders)
    assert len(first.impact) == (len(CONTENT.impact["aspects"]) if shop.get("buyer_reliance") else 0)
    assert len(first.orders) == len(shop.get("order_list", []))
    for item in first.items:
        assert "{" not in item.text + item.reason + item.action, "every placeholder is filled"


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


def render_everything(site: Site) -> str:
    build = SiteBuild(site)
    render = build.renderer
    pages = [render.section_page(section_id) for section_id in site.content.sections()]
    guide = GuidePages(render)
    json_ld = guide.faq_json_ld()  # data in <head>, not Markdown: it must stay JSON, with no "<" to end its script
    assert "<" not in json_ld and json.loads(json_ld)["@type"] == "FAQPage"
    pages += [guide.faq_page(), guide.glossary_page(), guide.about_page(), guide.home_page()]
    shop_pages, docs = ShopPages(render, build.spec), shop_documents(build.checklists, build.spec, TODAY)
    pages += [shop_pages.page(listed, build.checklists[shop_id].profile) for shop_id, listed in docs.items()]
    pages += [shop_pages.index(list(docs.values()))]
    return "\n".join(pages)


SITE_MARKDOWN = markdown.Markdown(extensions=["toc", "tables", "abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details",
                                              "pymdownx.superfences", "pymdownx.tasklist"])


def cli_markdown(site: Site) -> str:
    build = SiteBuild(site)
    return "\n".join(plainmd.render(listed, build.spec) for listed in shop_documents(build.checklists, build.spec, TODAY).values())


def app_html(site: Site) -> str:
    """/checklist/'s form and regions: one raw HTML block, which Markdown leaves alone as long as no blank line ends it."""
    build = SiteBuild(site)
    page = ChecklistPage(build.spec, build.renderer).render()
    data = re.search(r'<template id="checklist-data"[^>]*>(.*?)</template>', page, re.S).group(1)
    # A template's text is HTML: with no "<" or "&" in it, the browser's textContent is exactly this JSON.
    assert "<" not in data and "&" not in data and json.loads(data) == json.loads(json.dumps(build.spec))
    return page[page.index('<div id="checklist-app"'):page.index('<template id="checklist-data"')]


def check_damaged(rel: str, text: str) -> Site:
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
        render_everything(site), app_html(site), cli_markdown(site)
    return site


@settings(max_examples=SOME, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text_damage())
def test_damaged_text_is_reported_or_renders(case):
    check_damaged(*case)


@settings(max_examples=SOME, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(structure_damage())
def test_damaged_structure_is_reported_or_renders(case):
    check_damaged(*case)


# -- hostile values where an editor types one (issue 17): tags, anchors, odd numbers, control characters --
HOSTILE = ["!!binary aGVsbG8=", "!!set {a: null}", "!!timestamp 2001-12-14", "!!python/object/apply:os.system [id]", "!!float 1",
           "&anchor x", "*anchor", "9" * 5000, "0x1F", "0o17", "010", "1:30", "4.0", "1e3", ".inf", ".nan", "yes", "no", "on", "~",
           '"a\\nb"', '"x\\n- [x] fake item"', '"\\u0007bell"', '"\\u2028"', '"\\u0000"', '"<img src=x onerror=alert(1)>"',
           '"javascript:alert(1)"', '"[a](javascript:alert(1))"', '"amp"', '"lt"', '"{{ 7*7 }}"', '"!!! danger"', '"# h1"',
           '"login\\n"', "|\n  # heading\n  - list\n  > quote", "[1, *a]", "{<<: *a}", "-1", "0", "100000000000000000000",
           '"</template><script>alert(1)</script>&amp;&#60;"',
           # Issue 23: controls, direction overrides and invisible-only text, escaped and raw.
           '"\\x1bc\\x1b[2J"', '"店\\x9b31m"', '"店\\N名"', '"\\x7f"', '"店\\u202e名"', '"\\u2066x\\u2069"', '"\\u200b"',
           '"\\u200b\\u200d"', '"\\u00a0"', "\u2028", "店\u202e名", "费用 = 0，约 ~3 天"]
# What no page, title or terminal line may hold (macros/model/text.py's rule, and invisible-only text).
SHOWN_ESCAPED = text_rule.SHOWN_ESCAPED
SCALAR_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_][\w.-]*: )(\S.*)$", re.M)


@st.composite
def hostile_value(draw):
    """A data file or a shop file with one scalar replaced by a hostile one, or one hostile line added."""
    rel = draw(st.sampled_from(RELS))
    text = DOCS[rel].text
    value = draw(st.sampled_from(HOSTILE))
    lines = list(SCALAR_LINE.finditer(text))
    if lines and draw(st.booleans()):
        match = draw(st.sampled_from(lines))
        return rel, text[: match.start(2)] + value + text[match.end(2):]
    return rel, text + f"\n{draw(st.sampled_from(['extra', 'name', 'id', 'title']))}: {value}\n"


@settings(max_examples=SOME, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_value())
def test_hostile_values_are_reported_with_their_line_or_render_as_text(case):
    rel, text = case
    site = check_damaged(rel, text)
    if not site.errors:
        pages = render_everything(site)
        app = app_html(site)
        assert "\n\n" not in app and "<img" not in app, "the form stays one HTML block, its text escaped"
        assert "<img" not in pages and 'href="javascript:' not in pages
        if re.search(r"(?<!\\)\]\(javascript:", pages):  # Markdown link syntax, or text inside HTML that reads like it
            assert 'href="javascript:' not in SITE_MARKDOWN.reset().convert(pages), "no live javascript: link"
        if re.search(r"^\s*[-*+] \\?\[x\\?\] fake", pages, re.M):  # a line that reads like an item, or text in HTML
            shown = SITE_MARKDOWN.reset().convert(pages)  # (a step's text sits inside the steps' HTML block)
            opened = re.search(r"<li[^>]*>\s*(?:<label[^>]*>\s*)?(?:<input[^>]*checkbox|\[x\])", shown)
            assert not opened, "a newline in a value opened no list item"
        assert not SHOWN_ESCAPED.search(pages + app + cli_markdown(site)), "no control or invisible character reaches a page"
        assert "\\=" not in pages and "\\~" not in pages, "no stray backslash before = or ~"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@settings(max_examples=max(SOME // 2, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])  # 33 in make test
@given(st.sampled_from(sorted(CONTENT.shops())), st.sampled_from(HOSTILE), st.booleans())
def test_the_cli_reports_a_hostile_shop_file_and_changes_nothing_else(shop_id, value, replace):
    """A batch of the example shops plus one broken copy: the broken one is named with its line, the rest written."""
    source = (ROOT / "data" / "shops" / f"{shop_id}.yml").read_text(encoding="utf-8")
    lines = list(SCALAR_LINE.finditer(source))
    broken = source[: lines[0].start(2)] + value + source[lines[0].end(2):] if replace else source + f"\nname: {value}\n"
    with tempfile.TemporaryDirectory() as tmp:
        shops, out = Path(tmp) / "shops", Path(tmp) / "out"
        shutil.copytree(ROOT / "data" / "shops", shops)
        (shops / "zz-broken.yml").write_text(broken, encoding="utf-8")
        before, data_before = snapshot(shops), snapshot(ROOT / "data")
        err, said = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(said):
            status = cli.main(["--root", str(ROOT), "checklist", str(shops), "--out", str(out), "--format", "json"])
        assert not SHOWN_ESCAPED.search(err.getvalue() + said.getvalue()), "nothing invisible reaches the terminal"
        assert snapshot(shops) == before and snapshot(ROOT / "data") == data_before, "no input file changed"
        written = sorted(p.name for p in out.iterdir())
        expected = sorted(f"{p.stem}.json" for p in shops.glob("*.yml"))
        if status == 0:
            assert written == expected and not err.getvalue()
        else:
            assert status == 1 and written == [n for n in expected if n != "zz-broken.json"]
            for line in err.getvalue().splitlines():
                assert re.match(rf"{re.escape(str(shops))}/zz-broken\.yml:\d+: ", line), line


# -- issue 34: a text far longer than a page needs, and a record longer than an export has -----------------------------
TEXT_LIMIT = 4000  # the schemas' bound on every string


@st.composite
def long_value(draw):
    """A data file with one scalar replaced by plain Han text of a length around the bound (or far past it)."""
    rel = draw(st.sampled_from([r for r in RELS if SCALAR_LINE.search(DOCS[r].text)]))
    text = DOCS[rel].text
    match = draw(st.sampled_from(list(SCALAR_LINE.finditer(text))))
    length = draw(st.one_of(st.integers(TEXT_LIMIT - 3, TEXT_LIMIT + 3), st.integers(1, 60_000)))
    unit = draw(st.text(alphabet="订单险关闭清单店铺保证金", min_size=1, max_size=8))  # repeated to the length
    value = (unit * (length // len(unit) + 1))[:length]
    return rel, text[: match.start(2)] + value + text[match.end(2):], text.count("\n", 0, match.start()) + 1, length


@settings(max_examples=max(SOME // 2, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(long_value())
def test_a_text_past_the_bound_is_refused_at_its_line_and_one_within_it_renders(case):
    rel, text, line, length = case
    site = check_damaged(rel, text)  # within the bound and otherwise right: every page renders (checked there)
    if length > TEXT_LIMIT:  # refused: where the file stops parsing (it replaced a `|` block's head), or at the
        own = [p for p in site.errors if p.file == rel]  # field's line (the value's own, or the `|` block's it sits in)
        assert own and all(p.line <= line for p in own if p.code == "too_long"), (rel, line, length, own[:3])


@settings(max_examples=MANY, deadline=None)
@given(st.integers(1, 200), st.sampled_from(["\n", "\r\n", "\r", ""]), st.booleans())
def test_a_record_past_max_line_stops_the_reading_at_its_line_and_one_within_it_is_read(length, end, quoted):
    from macros.checklist import orders

    csv = {**CONTENT.checklist["csv"], "max_line": 100}
    head = "订单编号,订单状态,宝贝标题\n1,交易成功,杯\n"
    start = '2,交易成功,"' if quoted else "2,交易成功,"
    title = "杯" * max(length - len(start) - len(end) - quoted, 0)
    record = start + title + ('"' if quoted else "") + end
    result = orders.read(head + record, list(CONTENT.states.values()), csv)
    if len(record) > 100:
        assert result["problems"] == [{"line": 3, "code": "line_too_long", "max": 100}] and not result["rows"]
    else:
        assert not result["problems"] and [r["line"] for r in result["rows"]] == [2, 3]
