"""The real site: it builds strictly, carries every fact of the data, and loads nothing from outside."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path


import pytest

from helpers import CONTENT, ROOT, html_page as page, visible_text

SEPARATOR = re.compile(r"[\s\u200b\u3000\-、。，．？！；]+")


def block_texts(block: dict) -> list[str]:
    """The words a reader must find on the page for one content block: its text, a list's terms and items,
    a callout's title."""
    texts = [block[key] for key in ("text", "title") if key in block]
    for item in block.get("items", []) if block["type"] == "list" else []:
        texts += [item["text"]] + ([item["term"]] if "term" in item else [])
    return texts


def test_block_texts_sees_every_list_item():
    """The walk below can fail: every list block's items are among what it looks for."""
    lists = [b for _, (_, d) in CONTENT.sections().items() for p in d["parts"] for b in p["blocks"] if b["type"] == "list"]
    assert lists, "the guide has list blocks"
    for block in lists:
        assert all(item["text"] in block_texts(block) for item in block["items"])


def test_every_section_renders_its_parts_blocks_and_meta(built_site):
    for section_id, (_, data) in CONTENT.sections().items():
        markup = page(built_site, section_id)
        text = visible_text(markup)
        assert data["title"] in text
        for part in data["parts"]:
            assert f'id="{part["id"]}"' in markup, (section_id, part["id"])
            for block in part["blocks"]:
                for shown in block_texts(block):
                    assert shown in text, (section_id, part["id"], shown)
            named = CONTENT.ui("list_separator").join(CONTENT.sources[s]["short"] for s in part["sources"])
            assert CONTENT.ui("part_sources", sources=named) in text, (section_id, part["id"])
        # The footer names every source of the page and says what the date means.
        named = CONTENT.ui("list_separator").join(CONTENT.sources[s]["short"] for s in CONTENT.section_sources(data))
        assert CONTENT.ui("page_meta", sources=named, reviewed=data["reviewed"]) in text


def test_steps_render_as_numbered_visual_list(built_site):
    markup = page(built_site, "close-steps")
    steps = [b["steps"] for _, (_, d) in CONTENT.sections().items() for p in d["parts"] for b in p["blocks"] if "steps" in b]
    assert steps, "the guide must contain the closing steps"
    assert '<ol class="steps">' in markup
    positions = []
    for step in steps[0]:
        assert f'id="step-{step["id"]}"' in markup
        positions.append(markup.index(f'id="step-{step["id"]}"'))
        assert step["title"] in visible_text(markup)
    assert positions == sorted(positions), "steps must keep their order"


def test_every_table_row_appears_with_computed_handled_column(built_site):
    for table_id, spec in CONTENT.tables.items():
        hosts = [sid for sid, (_, d) in CONTENT.sections().items()
                 if any(b.get("table") == table_id for p in d["parts"] for b in p["blocks"])]
        assert hosts, f"table {table_id} is not used by any page"
        text = visible_text(page(built_site, hosts[0]))
        for row in spec["rows"]:
            for col in spec["columns"]:
                if col.get("type") == "handled":
                    continue
                value = row[col["key"]]
                shown = CONTENT.states[value]["label"] if col.get("type") == "order_state" else value
                assert shown in text, (table_id, shown)


def test_order_table_marks_in_progress_states_not_handled(built_site):
    markup = page(built_site, "prepare")
    cells = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>", markup)
    by_id = {order: (state, handled) for order, state, handled in cells}
    assert by_id["32109876"] == ("退款中", CONTENT.ui("handled_no"))
    assert by_id["87654321"] == ("已签收", CONTENT.ui("handled_yes"))


def test_impact_table_is_the_medium_case(built_site):
    text = visible_text(page(built_site, "prepare"))
    labels = CONTENT.level_labels()
    for aspect, level in CONTENT.impact_rows("medium"):
        assert re.search(re.escape(aspect["name"]) + r"\s*" + re.escape(labels[level]), text), aspect["name"]


def test_faq_entries_have_stable_anchors_each_question_once_and_json_ld(built_site):
    markup = page(built_site, "faq")
    entries = CONTENT.faq["entries"]
    article = markup[markup.index('<article'):markup.index('</article>')]
    content = re.sub(r"<script.*?</script>", "", article, flags=re.S)
    for entry in entries:
        assert re.search(rf'<h2 id="{re.escape(entry["id"])}">', markup), entry["id"]
        headings = [visible_text(h) for h in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", content, flags=re.S)]
        assert sum(entry["question"] in h for h in headings) == 1, "each question is listed once on the page"
        questions = content[content.index('<nav'):content.index('</nav>')]
        assert questions.count(f'href="#{entry["id"]}"') == 1, "the list of questions at the top links each once"
        lists = [visible_text(li) for li in re.findall(r"<li>.*?</li>", content.replace(questions, ""), flags=re.S)]
        assert not any(entry["question"] in li for li in lists), "and nothing else lists it again"
        for paragraph in entry["answer"] + entry.get("also_asked", []) + [entry.get("inference", "")]:
            assert paragraph in visible_text(markup)
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for entry in entries:  # each answer is searchable under its own question
        doc = next(d for d in index["docs"] if d["location"] == f"faq/#{entry['id']}")
        assert doc["text"].strip(), entry["id"]
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', markup, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == [e["question"] for e in entries]


def test_glossary_terms_are_tooltips_and_listed(built_site):
    glossary = visible_text(page(built_site, "glossary"))
    guide = page(built_site, "close-steps")
    for entry in CONTENT.glossary["terms"]:
        assert entry["term"] in glossary
        assert entry["definition"] in glossary
    assert re.search(r'<abbr title="[^"]+">订单险管理</abbr>', guide), "longest term wins over 订单险"


def test_site_says_it_is_unofficial_and_where_facts_come_from(built_site):
    home = visible_text(page(built_site, "index"))
    about = visible_text(page(built_site, "about"))
    assert CONTENT.site["disclaimer"] in home
    assert CONTENT.site["footer"] in home, "footer disclaimer on every page"
    assert CONTENT.site["menu_notice"] in about
    for source in CONTENT.sources.values():
        assert source["title"] in about and source["publisher"] in about
        if "url" in source:
            assert source["url"] in about
    for ref, title, reviewed, _ in CONTENT.reviewed_parts():
        assert title in about and reviewed in about


def tokens(text: str) -> set[str]:
    return set(filter(None, SEPARATOR.split(text)))


def test_search_index_is_segmented_with_glossary_terms_as_tokens(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    all_tokens = set()
    for doc in index["docs"]:
        all_tokens |= tokens(visible_text(doc["title"] + " " + doc["text"]))
    assert "\u200b" in json.dumps(index, ensure_ascii=False), "index text must be jieba-segmented"
    for word in CONTENT.terms():
        if word in "".join(d["text"] for d in index["docs"]):
            assert word in all_tokens, f"{word} is split by the segmenter"
    long_runs = [t for t in all_tokens if re.fullmatch(r"[\u4e00-\u9fff]{9,}", t)]
    assert not long_runs, f"unsegmented Chinese runs in the index: {long_runs[:5]}"


class ResourceCollector(HTMLParser):
    """Every URL a page would load by itself (not links a reader may follow)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "prev", "next", "alternate"):
            self.urls.append(attrs["href"])
        if attrs.get("srcset"):
            self.urls += [part.strip().split(" ")[0] for part in attrs["srcset"].split(",")]
        if tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])


def test_built_site_loads_nothing_from_outside_hosts(built_site):
    external = []
    for path in built_site.rglob("*.html"):
        collector = ResourceCollector()
        collector.feed(path.read_text(encoding="utf-8"))
        external += [(path.name, u) for u in collector.urls if re.match(r"^(https?:)?//", u)]
    for path in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8")):
            if re.match(r"^(https?:)?//", url):
                external.append((path.name, url))
        assert "@import" not in path.read_text(encoding="utf-8") or path.name.endswith(".map")
    assert not external, external[:10]


def test_pages_are_thin_and_content_lives_in_data():
    for path in (ROOT / "docs").glob("*.md"):
        body = re.sub(r"^---.*?---\s*", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert re.fullmatch(r"\s*\{\{[^}]*\}\}\s*", body), f"{path.name} must only call a macro"


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


COUNTING_BUILD = """
import collections, json, sys
import macros.model.loading as loading, macros.model.checked as checked, macros.model.validation as validation
reads, calls = collections.Counter(), collections.Counter()

def counted(module, name, key=None):
    original = getattr(module, name)
    def wrapper(*args, **kwargs):
        calls[name] += 1
        if key:
            reads[key(*args)] += 1
        return original(*args, **kwargs)
    setattr(module, name, wrapper)

counted(loading, "read_document", key=lambda path, *rest: str(path))
counted(checked, "load_dataset")
counted(validation, "check")
from mkdocs.__main__ import cli
cli.main(["build", "--strict", "-q", "-d", sys.argv[1]], standalone_mode=False)
from pathlib import Path
root = Path.cwd().resolve()
ran = sorted({str(Path(m.__file__).resolve().relative_to(root)) for m in list(sys.modules.values())
              if getattr(m, "__file__", None) and Path(m.__file__).resolve().is_relative_to(root)
              and ".venv" not in Path(m.__file__).parts})
print(json.dumps({"reads": reads, "calls": calls, "modules": ran}))
"""


@pytest.fixture(scope="module")
def counted_build(tmp_path_factory) -> tuple[Path, dict]:
    """A default build (hash seed 2) that counts the data reads and checks: (the site, the counts)."""
    out = tmp_path_factory.mktemp("counted") / "site"
    result = subprocess.run([sys.executable, "-c", COUNTING_BUILD, str(out)], cwd=ROOT, capture_output=True, text=True,
                            timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "2"})
    assert result.returncode == 0, result.stderr[-3000:]
    return out, json.loads(result.stdout.strip().splitlines()[-1])


def test_the_build_is_reproducible_whatever_the_hash_seed(tmp_path, counted_build):
    # Python salts str hashes per process: anything built from a set would change from build to build.
    from helpers import run_mkdocs

    site = tmp_path / "site-1"
    result = run_mkdocs(ROOT, site, env={"PYTHONHASHSEED": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = tree_bytes(site), tree_bytes(counted_build[0])
    assert first.keys() == second.keys()
    changed = [name for name in first if first[name] != second[name]]
    assert not changed, f"files that differ between two builds of the same sources: {changed}"


def test_the_data_is_read_and_checked_once_per_build_not_once_per_page(counted_build):
    """Issue 6: one load and one check serve every page; the shop pages add no reload."""
    out, counts = counted_build
    pages = list(out.rglob("index.html"))
    data_files = sorted(str(p) for p in (ROOT / "data").rglob("*.yml"))
    assert len(pages) > 10
    assert sorted(counts["reads"]) == data_files  # every data file was read ...
    assert set(counts["reads"].values()) == {1}  # ... exactly once
    assert counts["calls"]["check"] == 1
    assert counts["calls"]["load_dataset"] == 1  # the site hook loads it; the macros read the same Site


def test_close_steps_name_the_platform_path_the_three_tools_and_the_source_date(built_site):
    text = visible_text(page(built_site, "close-steps"))
    platform = CONTENT.sources["platform-messages"]
    for words in ("消费者保障服务", "订单险&账期保障", "订单险", "消保保证金", "账期保障", platform["short"]):
        assert words in text, words
    steps = CONTENT.section("close-steps")["parts"][0]["blocks"][1]["steps"]
    assert steps[0]["id"] == "check-guarantee", "checking the trade-guarantee rule is the first step"
    assert text.index("消费者保障服务") < text.index("保险服务」"), "the platform's path comes before the article's"


def test_seller_pages_carry_no_notes_about_the_articles_mistakes(built_site):
    """Editorial corrections live on the about page only."""
    corrections = [fix["fact"] for s in CONTENT.sources.values() for fix in s.get("corrections", [])]
    assert corrections
    about = visible_text(page(built_site, "about"))
    assert all(fact in about for fact in corrections)
    for html_file in built_site.rglob("*.html"):
        rel = html_file.relative_to(built_site).as_posix()
        if rel.startswith(("about/", "editor/")) or rel == "404.html":
            continue
        text = visible_text(html_file.read_text(encoding="utf-8"))
        assert "编者说明" not in text and "原文" not in text, rel
        assert not any(fact in text for fact in corrections), rel


def test_every_dated_page_says_what_its_date_means(built_site):
    for ref, data, sources in [("faq", CONTENT.faq, CONTENT.faq_sources()),
                               ("glossary", CONTENT.glossary, CONTENT.glossary["sources"])]:
        named = CONTENT.ui("list_separator").join(CONTENT.sources[s]["short"] for s in sources)
        assert CONTENT.ui("page_meta", sources=named, reviewed=data["reviewed"]) in visible_text(page(built_site, ref))


def test_inferences_and_open_questions_are_labelled(built_site):
    prepare = page(built_site, "prepare")
    assert 'class="admonition info inference"' in prepare and CONTENT.ui("callout_inference") in visible_text(prepare)
    assert 'class="admonition question unsettled"' in prepare and CONTENT.ui("callout_unsettled") in visible_text(prepare)
    faq = visible_text(page(built_site, "faq"))
    for entry in CONTENT.faq["entries"]:
        if entry.get("inference"):
            assert CONTENT.ui("faq_inference") + entry["inference"] in faq


def test_a_build_imports_no_tool_and_stays_within_its_line_budget(counted_build):
    """What a site build runs, measured by import in that build (the budget of tests/test_layers.py)."""
    from helpers import BUILD_LINES, TOOL_LINES, lines, modules

    ran = [ROOT / name for name in counted_build[1]["modules"]]
    assert ran and not [p for p in ran if p.relative_to(ROOT).parts[0] in ("tools", "tests")], ran
    build, tooling = sum(lines(p) for p in ran), sum(lines(p) for p in modules("tools"))
    print(f"a build runs {build} lines of the project's Python; the tools are {tooling}")
    assert build <= BUILD_LINES and tooling <= TOOL_LINES, (build, tooling)



def test_search_knows_traditional_characters_and_pinyin_in_a_few_kilobytes(counted_build):
    """Issue 32: the build cuts OpenCC's and pypinyin's data down to the index's own words, so a seller who types
    訂單險, dingdanxian or ddx reaches 订单险, and a first search loads kilobytes, not the converters' dictionaries."""
    import gzip

    source = (counted_build[0] / "assets" / "search-terms.js").read_text(encoding="utf-8")
    terms = json.loads(source.split("=", 1)[1].strip().rstrip(";"))
    traditional, spelled = terms["traditional"], terms["pinyin"]
    assert "".join(traditional.get(c, c) for c in "如何關閉訂單險退貨寶") == "如何关闭订单险退货宝"
    assert spelled["dingdanxian"] == spelled["ddx"] == "订单险" and spelled["tuihuobao"] == "退货宝"
    known = set("".join(terms["vocab"]) + "".join(w for t, more in terms["synonyms"].items() for w in (t, *more)))
    assert set(traditional.values()) <= known and not set(traditional) & known, "only the index's characters, each one way"
    added = len(gzip.compress(json.dumps({"t": traditional, "p": spelled}, ensure_ascii=False).encode("utf-8"), 9))
    print(f"traditional forms and pinyin add {added} bytes gzipped to the search vocabulary")
    assert added < 10 * 1024
