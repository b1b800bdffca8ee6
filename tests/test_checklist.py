"""Which items a shop gets (not their wording), the CLI on every example shop, and bad profiles."""
from __future__ import annotations

import json
import os
import re

import pytest

from macros.model import rules
from macros.checklist.builder import Generator, list_document as document

from helpers import CONTENT, ROOT, SPEC, TODAY, run_cli

GEN = Generator(SPEC)
SHOPS = sorted(CONTENT.shops())
IN_PROGRESS = ["awaiting_shipment", "shipped", "refunding", "returning"]
BLOCKING_ITEM = {"awaiting_shipment": "ship-pending-orders", "shipped": "wait-for-delivery",
                 "refunding": "settle-refunds", "returning": "settle-returns"}
ALWAYS_PRE = {"verify-order-states", "assess-impact", "backup", "ask-official"}
ESSENTIALS = ["verify-order-states", "backup", "ask-official"]  # in the order a seller does them, before any advice
ALWAYS_DURING = {"secure-session"}
ALWAYS_POST = {"check-insurance-status", "watch-feedback", "keep-backup"}


def shop(**overrides):
    base = {"name": "测试店", "team_size": 1, "buyer_reliance": "medium",
            "guarantee_required": "not_required", "alternative_tool": "none"}
    return {**base, **overrides}


def ids(items):
    return [i.id for i in items]


def group(result, key):
    return ids(result.group(key))


def before_close(result):
    """Everything to do before closing, in list order: the blocking items, then the advice."""
    return result.group("blocking") + result.group("pre")


def test_a_shop_with_nothing_in_progress_is_ready():
    result = GEN.build("t", shop(orders={"delivered": 10, "refunded": 2, "closed": 5}))
    assert result.ready
    assert not result.group("blocking")
    assert "follow-steps" in group(result, "during")


@pytest.mark.parametrize("state", IN_PROGRESS)
def test_each_in_progress_state_blocks_with_its_count(state):
    result = GEN.build("t", shop(orders={state: 7}))
    assert not result.ready
    assert group(result, "blocking") == [BLOCKING_ITEM[state]]
    first = result.items[0]
    assert first.id == BLOCKING_ITEM[state] and first.blocking
    assert "7" in first.text and "7" in first.action and "7" in first.reason
    assert "follow-steps" not in ids(result.items)


def test_blocking_items_lead_the_pre_list_one_per_state():
    result = GEN.build("t", shop(orders={s: n for n, s in enumerate(IN_PROGRESS, 1)}))
    blocking = result.group("blocking")
    assert ids(blocking) == [BLOCKING_ITEM[s] for s in IN_PROGRESS]
    assert result.items[: len(blocking)] == blocking
    for n, item in enumerate(blocking, 1):
        assert str(n) in item.text


@pytest.mark.parametrize("state", ["delivered", "refunded", "closed"])
def test_settled_states_never_block(state):
    assert GEN.build("t", shop(orders={state: 99})).ready


def test_listed_orders_count_even_when_counts_are_missing():
    result = GEN.build("t", shop(order_list=[{"id": "1", "state": "refunding"}, {"id": "2", "state": "closed"}]))
    assert not result.ready and group(result, "blocking") == ["settle-refunds"]
    assert [o["id"] for o in result.orders] == ["1", "2"]


def test_order_table_handled_is_computed_from_the_state():
    listed = [{"id": str(n), "state": s} for n, s in enumerate(CONTENT.states) if not CONTENT.states[s].get("from_file")]
    doc = document(GEN.build("t", shop(order_list=listed)), SPEC, TODAY)
    handled = {row["cells"][0]: row["kind"] == "handled" for row in doc["orders"]["rows"]}
    assert {o["state"]: handled[o["id"]] for o in listed} == {o["state"]: CONTENT.states[o["state"]]["handled"] for o in listed}
    assert {o["state"] for o in listed if handled[o["id"]]} == {"delivered", "refunded", "closed"}


GUARANTEE_CASES = [
    # (categories require a tool, other tool the shop has, the blocking item, told to confirm the tool)
    # An unsure answer blocks with a step that finds out; only a known need with no tool asks to open one.
    ("required", "none", "switch-guarantee-tool", False),
    ("required", "unsure", "check-alternative-tool", False),
    ("unsure", "none", "check-guarantee-rule", False),
    ("unsure", "unsure", "check-guarantee-rule", False),
    ("required", "deposit", None, True),
    ("required", "account_period", None, True),
    ("unsure", "deposit", None, True),
    ("not_required", "none", None, False),
    ("not_required", "unsure", None, False),
    ("not_required", "account_period", None, False),
]
GUARANTEE_BLOCKS = {"switch-guarantee-tool", "check-alternative-tool", "check-guarantee-rule"}
COSTLY = ("开通", "冻结")  # words of a step that costs money or freezes a deposit


@pytest.mark.parametrize("required,other,blocked_by,confirm", GUARANTEE_CASES)
def test_trade_guarantee_rule(required, other, blocked_by, confirm):
    """A shop whose categories need a tool and has no other one must switch first; an unsure one finds out first."""
    result = GEN.build("t", shop(guarantee_required=required, alternative_tool=other,
                                 orders={"delivered": 3, "closed": 1}))
    assert result.ready is (blocked_by is None)
    assert set(group(result, "blocking")) & GUARANTEE_BLOCKS == ({blocked_by} if blocked_by else set())
    if blocked_by:
        first = result.items[0]
        assert first.id == blocked_by and first.blocking and result.reasons == [first.reason] and first.reason
        assert "follow-steps" not in ids(result.items)
        if "unsure" in (required, other):  # the first step finds out; it never opens or freezes anything
            assert "查" in first.action and not any(word in first.action for word in COSTLY), first.action
            assert "不清楚" in first.reason and "可能" not in first.reason, "no guess stated as a fact"
    else:
        assert "follow-steps" in group(result, "during")
    assert ("confirm-alternative-active" in group(result, "pre")) is confirm
    assert ("check-publishing" in group(result, "post")) is (required != "not_required")


def test_essentials_lead_the_list_before_closing_and_a_ready_shop_gets_a_concrete_next_step():
    for reliance in ("low", "high"):
        for team in (1, 5):
            result = GEN.build("t", shop(team_size=team, buyer_reliance=reliance))
            pre = group(result, "pre")
            assert pre[:len(ESSENTIALS)] == ESSENTIALS, pre
            doc = document(result, SPEC, TODAY)
            first = next(i for i in CONTENT.checklist["items"] if i["id"] == pre[0])
            assert doc["ready"] and doc["next"]["item"] == pre[0] and doc["next"]["text"] == first["action"]
            assert doc["next"]["text"] not in doc["verdict"]["text"], "the step is not the verdict again"
            assert len([i for g in doc["groups"] for i in g["items"]]) <= 15, "a ready list stays short"


def test_the_verdict_needs_only_the_deciding_answers():
    """No name, no team size, no reliance: still a verdict and a titled list; the impact waits for its answer."""
    deciding = {"guarantee_required": "not_required", "alternative_tool": "none", "open_orders": "no"}
    doc = document(GEN.build("t", deciding), SPEC, TODAY)
    assert doc["ready"] and doc["title"] == CONTENT.words("untitled_title") and doc["impact"] == []
    assert [f["key"] for f in SPEC["fields"] if f.get("required")] == list(deciding)


def test_guarantee_block_and_open_orders_give_one_reason_each():
    result = GEN.build("t", shop(guarantee_required="required", alternative_tool="none", orders={"refunding": 3}))
    assert group(result, "blocking") == ["switch-guarantee-tool", "settle-refunds"]
    assert len(result.reasons) == 2 and "3" in result.reasons[1]


def test_example_shop_blocked_only_by_the_guarantee_rule():
    result = GEN.build("toy-no-guarantee", CONTENT.shops()["toy-no-guarantee"])
    assert not result.ready and group(result, "blocking") == ["switch-guarantee-tool"]


def test_backup_and_impact_items_always_appear():
    for reliance in ("low", "medium", "high"):
        for team in (1, 5):
            result = GEN.build("t", shop(team_size=team, buyer_reliance=reliance))
            assert ALWAYS_PRE <= set(group(result, "pre"))
            assert ALWAYS_DURING <= set(group(result, "during"))
            assert ALWAYS_POST <= set(group(result, "post"))


def test_impact_follows_buyer_reliance_and_medium_is_the_article_case():
    levels = {r: dict(GEN.build("t", shop(buyer_reliance=r)).impact) for r in ("low", "medium", "high")}
    assert levels["medium"] == {"店铺信誉": "轻微影响", "用户体验": "中等影响", "客户服务": "较大影响"}
    order = {label: n for n, label in enumerate(CONTENT.level_labels().values())}  # light to severe
    for aspect in levels["medium"]:
        assert order[levels["low"][aspect]] <= order[levels["medium"][aspect]] <= order[levels["high"][aspect]]


def test_notify_team_only_for_more_than_one_person():
    assert "notify-team" not in group(GEN.build("t", shop(team_size=1)), "post")
    assert "notify-team" in group(GEN.build("t", shop(team_size=2)), "post")
    assert "agree-closing-time" in group(GEN.build("t", shop(team_size=2)), "pre")


@pytest.mark.parametrize("reliance,expected", [("low", False), ("medium", True), ("high", True)])
def test_tell_buyers_when_reliance_is_medium_or_high(reliance, expected):
    result = GEN.build("t", shop(buyer_reliance=reliance))
    assert ("tell-buyers" in group(result, "post")) is expected
    assert ("brief-service-staff" in group(result, "pre")) is expected


def test_reopen_only_when_planned():
    assert "reopen-howto" not in group(GEN.build("t", shop()), "post")
    assert "reopen-howto" in group(GEN.build("t", shop(plans_to_reopen=True)), "post")


def test_items_link_to_existing_guide_sections():
    anchors = CONTENT.anchors()
    result = GEN.build("t", shop(team_size=3, buyer_reliance="high", plans_to_reopen=True, orders={s: 1 for s in IN_PROGRESS}))
    for item in result.items:
        assert item.link in anchors
    assert CONTENT.checklist["next"]["link"] in anchors


def test_example_shops_exercise_every_item_and_both_verdicts():
    built = [GEN.build(s, CONTENT.shops()[s]) for s in SHOPS]
    assert len(built) >= 6
    seen = {i.id for c in built for i in c.items}
    from_file = {f"orders.{k}" for k, s in CONTENT.states.items() if s.get("from_file")}
    only_with_a_file = {item["id"] for item in CONTENT.checklist["items"]
                        for _, c in rules.comparisons(item.get("when")) if c["field"] in from_file and ("gt" in c or "gte" in c)}
    assert only_with_a_file == {"check-imported-orders"}
    assert seen == {item["id"] for item in CONTENT.checklist["items"]} - only_with_a_file
    assert {c.ready for c in built} == {True, False}


@pytest.mark.parametrize("shop_id", SHOPS)
def test_cli_json_matches_the_generator(shop_id):
    result = run_cli("checklist", f"data/shops/{shop_id}.yml", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = GEN.build(shop_id, CONTENT.shops()[shop_id])
    assert data == document(expected, SPEC, data["date"]), "the CLI's JSON is the checklist document"
    assert data["shop"] == shop_id and data["ready"] is expected.ready
    assert [g["key"] for g in data["groups"]] == [k for k in ("blocking", "pre", "during", "post") if expected.group(k)]
    assert [i["id"] for g in data["groups"] for i in g["items"]] == ids(expected.items)
    first = expected.group("blocking")
    then = expected.group("pre") + expected.group("during")
    assert data["next"]["text"] == (first[0].action if first else then[0].action or then[0].text)


@pytest.mark.parametrize("shop_id", SHOPS)
def test_cli_markdown_lists_every_item_as_a_task(shop_id):
    result = run_cli("checklist", f"data/shops/{shop_id}.yml")
    assert result.returncode == 0, result.stderr
    expected = GEN.build(shop_id, CONTENT.shops()[shop_id])
    tasks = [line for line in result.stdout.splitlines() if line.startswith("- [ ] ")]
    assert len(tasks) == len(expected.items)
    assert result.stdout.startswith("# " + CONTENT.words("named_title").replace("{name}", expected.name))
    assert not re.search(r"(?<!\\)<[a-z/]|\{:|(?<!\\)&(amp|lt|gt|quot|#\d+);", result.stdout), "plain Markdown: no HTML, attributes or entities"


def test_cli_writes_one_file_per_shop(tmp_path):
    result = run_cli("checklist", "data/shops", "--out", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == SHOPS
    md = run_cli("checklist", "data/shops", "--out", str(tmp_path / "md"))
    assert md.returncode == 0 and len(list((tmp_path / "md").glob("*.md"))) == len(SHOPS)


BASE = "name: 店\nteam_size: 1\nbuyer_reliance: low\nguarantee_required: unsure\nalternative_tool: none\nopen_orders: \"no\"\n"  # a valid profile, to which each case adds its mistake
BAD_PROFILES = [
    ("unknown-field", "name: 店\nteam_size: 1\nbuyer_reliance: low\ncolour: red\n", 4, "colour", "不认识的字段「colour」"),
    ("wrong-type", "name: 店\nteam_size: many\nbuyer_reliance: low\n", 2, "team_size", '应为整数，实际为 "many"'),
    ("outside-set", "name: 店\nteam_size: 1\nbuyer_reliance: extreme\n", 3, "buyer_reliance", "不在允许范围内"),
    ("negative-count", "name: 店\nteam_size: 1\nbuyer_reliance: low\norders:\n  refunding: -1\n", 5, "orders.refunding", "应不小于 0"),
    ("zero-team", "name: 店\nteam_size: 0\nbuyer_reliance: low\n", 2, "team_size", "应不小于 1"),
    ("missing-required", "name: 店\nteam_size: 2\n", 1, "", "缺少必填字段「guarantee_required」"),
    ("missing-guarantee", "name: 店\nteam_size: 2\nbuyer_reliance: low\nalternative_tool: none\n", 1, "",
     "缺少必填字段「guarantee_required」"),
    ("guarantee-yes", "name: 店\nteam_size: 2\nbuyer_reliance: low\nguarantee_required: yes\nalternative_tool: none\n", 4,
     "guarantee_required", "不在允许范围内"),
    ("unknown-state", "name: 店\nteam_size: 1\nbuyer_reliance: low\norder_list:\n  - {id: '1', state: lost}\n", 5, "order_list（第 1 条）.state", "不在允许范围内"),
    ("markup-name", "name: <img src=x onerror=alert(1)>\nteam_size: 1\nbuyer_reliance: low\n", 1, "name", "HTML"),
    ("yaml-error", "name: 店\nteam_size: [1\nbuyer_reliance: low\n", 2, "", "方括号或花括号没有正确结束"),
    # Issue 17: the data language is strict, and every refusal is located.
    ("sexagesimal", BASE.replace("team_size: 1", "team_size: 1:30"), 2, "", "1:30"),
    ("octal", BASE.replace("team_size: 1", "team_size: 010"), 2, "", "010"),
    ("hex", BASE.replace("team_size: 1", "team_size: 0x1F"), 2, "", "0x1F"),
    ("float-count", BASE + "orders:\n  refunding: 4.0\n", 8, "orders.refunding", "应为整数"),
    ("huge-integer", BASE + "orders:\n  refunding: " + "9" * 5000 + "\n", 8, "", "不能超过 15 位"),
    ("binary-tag", BASE + "plans_to_reopen: !!binary aGk=\n", 7, "", "!!binary"),
    ("set-tag", BASE + "orders: !!set {a, b}\n", 7, "", "!!set"),
    ("timestamp-tag", BASE + "plans_to_reopen: !!timestamp 2026-01-01\n", 7, "", "!!timestamp"),
    ("yes-is-not-true", BASE + "plans_to_reopen: yes\n", 7, "", "true 或 false"),
    ("merge-key", BASE + "orders:\n  <<: {refunding: 1}\n", 8, "", "<<"),
    ("alias", BASE + "orders: &o {refunding: 1}\norder_list: *o\n", 7, "", "锚点和别名"),
    ("fake-ticked-item", BASE.replace("name: 店", 'name: "店\\n- [x] 已经可以关闭"'), 1, "name", "只能写一行文字"),
    ("long-name", BASE.replace("name: 店", "name: " + "长" * 101), 1, "name", "文字太长"),
    ("order-id-newline", BASE + "order_list:\n  - {id: \"123\\n\", state: delivered}\n", 8, "order_list（第 1 条）.id", "订单编号"),
    # Issue 23: one text rule (no control or direction character, something visible), answers that agree.
    ("name-c1-control", BASE.replace("name: 店", 'name: "店\\x9b31m"'), 1, "", "（\\x9b）"),
    ("name-next-line", BASE.replace("name: 店", 'name: "店\\N名"'), 1, "", "（\\x85）"),
    ("name-delete", BASE.replace("name: 店", 'name: "店\\x7f"'), 1, "", "（\\x7f）"),
    ("name-bidi-override", BASE.replace("name: 店", 'name: "店\\u202e名"'), 1, "", "（\\u202e）"),
    ("name-only-invisible", BASE.replace("name: 店", 'name: "\\u200b\\u200d"'), 1, "name", "看不见的字符也算空"),
    ("name-raw-escape", BASE.replace("name: 店", "name: 店\x1b[2J"), 1, "", "（\\x1b）"),
    ("no-open-orders-but-counts", BASE + "orders:\n  shipped: 3\n  delivered: 9\n", 8, "orders.shipped", "两者矛盾"),
    ("no-open-orders-but-listed", BASE + "order_list:\n  - {id: \"9\", state: refunding}\n", 8, "order_list", "退款中 1 笔"),
]


@pytest.mark.parametrize("case,text,line,path,fragment", BAD_PROFILES, ids=[c[0] for c in BAD_PROFILES])
def test_cli_rejects_bad_profiles_with_file_line_messages(tmp_path, case, text, line, path, fragment):
    profile = tmp_path / f"{case}.yml"
    profile.write_text(text, encoding="utf-8")
    result = run_cli("checklist", str(profile), "--format", "json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
    head = f"{profile}:{line}:" + (f" {path}:" if path else "")
    assert any(l.startswith(head) and fragment in l for l in result.stderr.splitlines()), result.stderr


def test_bad_shop_in_data_is_reported_by_the_check(project_copy):
    (project_copy / "data" / "shops" / "bad.yml").write_text("name: 店\nteam_size: -3\nbuyer_reliance: low\n", encoding="utf-8")
    result = run_cli("--root", str(project_copy), "check")
    assert result.returncode == 1
    assert "data/shops/bad.yml:2: team_size: 应不小于 1" in result.stderr


def test_the_fallback_messages_have_every_message():
    # Editors may reword data/messages.yml freely; a message the code gains must reach the fallback too.
    import yaml

    fallback = yaml.safe_load((ROOT / "macros" / "model" / "fallback-messages.yml").read_text(encoding="utf-8"))
    current = yaml.safe_load((ROOT / "data" / "messages.yml").read_text(encoding="utf-8"))
    for part in ("ui", "errors", "types"):
        assert set(current[part]) <= set(fallback[part]), f"{part}: run python -m tools schemas"


def test_cli_markdown_for_a_shop_without_a_guarantee_tool_says_why_it_is_not_ready():
    result = run_cli("checklist", "data/shops/toy-no-guarantee.yml")
    assert result.returncode == 0, result.stderr
    expected = GEN.build("toy-no-guarantee", CONTENT.shops()["toy-no-guarantee"])
    lines = result.stdout.splitlines()
    assert expected.reasons[0] in result.stdout
    heading = lines.index("## " + CONTENT.words("group_blocking"))
    assert lines[heading + 2].startswith("- [ ] ") and "消费者保障服务" in lines[heading + 2]
    assert any(line.startswith("**") and expected.group("blocking")[0].action in line for line in lines[:heading]), "the next step comes first"


def test_cli_never_writes_through_a_link_in_the_output_folder(tmp_path):
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    out.mkdir()
    victim.write_text("keep me", encoding="utf-8")
    (out / "solo-stationery.md").symlink_to(victim)
    result = run_cli("checklist", "data/shops", "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (out / "solo-stationery.md").is_symlink()
    assert f"{out / 'solo-stationery.md'}:1:" in result.stderr
    assert len(list(out.glob("*.md"))) == len(SHOPS), "the other shops are still written"
    assert not list(out.glob(".*.part")), "no temporary file is left behind"


def test_cli_reads_only_regular_files_and_stops_on_none(tmp_path):
    shops = tmp_path / "shops"
    shops.mkdir()
    (shops / "ok.yml").write_text((ROOT / "data" / "shops" / "solo-stationery.yml").read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(shops / "fifo.yml")
    (shops / "zero.yml").symlink_to("/dev/zero")
    (shops / "folder.yml").mkdir()
    result = run_cli("checklist", str(shops), "--format", "json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for name in ("fifo.yml", "zero.yml", "folder.yml"):
        assert f"{shops / name}:1: " in result.stderr, name
    assert [c["shop"] for c in json.loads(result.stdout)] == ["ok"]


@pytest.mark.parametrize("args,fragment", [
    (["--root", "/nonexistent", "check"], "/nonexistent:1: 这里没有 data 文件夹"),
    (["check", "--today", "tomorrow"], "--today:1: 「tomorrow」不是日期"),
])
def test_cli_argument_mistakes_are_messages(args, fragment):
    result = run_cli(*args)
    assert result.returncode == 2 and fragment in result.stderr and "Traceback" not in result.stderr


def test_cli_output_folder_that_is_a_file_is_a_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("checklist", "data/shops", "--out", str(blocker))
    assert result.returncode == 2 and f"{blocker}:1:" in result.stderr and "Traceback" not in result.stderr


def test_cli_refuses_a_shop_file_that_would_replace_the_shop_index(tmp_path):
    shop = tmp_path / "index.yml"
    shop.write_text(BASE, encoding="utf-8")
    result = run_cli("checklist", str(shop))
    assert result.returncode == 1 and f"{shop}:1: 店铺文件名「index」会占用网站上已有的页面" in result.stderr


@pytest.mark.parametrize("folder", ["data", "data/shops", "docs", "docs/assets/x"])
def test_cli_never_writes_into_the_sites_data_or_pages(folder):
    before = sorted(p for p in (ROOT / folder.split("/")[0]).rglob("*"))
    result = run_cli("checklist", "data/shops", "--out", folder)
    assert result.returncode == 2 and f"{folder}:1: 输出文件夹在网站的 data 或 docs 文件夹里" in result.stderr
    assert sorted(p for p in (ROOT / folder.split("/")[0]).rglob("*")) == before, "nothing was written"


def test_a_link_that_leaves_the_folder_is_never_read(tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("password: hunter2-secret\n", encoding="utf-8")
    shops = tmp_path / "shops"
    shops.mkdir()
    (shops / "ok.yml").write_text(BASE, encoding="utf-8")
    (shops / "evil.yml").symlink_to(secret)
    result = run_cli("checklist", str(shops), "--format", "json")
    assert result.returncode == 1 and f"{shops / 'evil.yml'}:1: 这是一个指向本站目录以外的链接" in result.stderr
    assert "hunter2" not in result.stderr + result.stdout and "password" not in result.stderr
    assert [c["shop"] for c in json.loads(result.stdout)] == ["ok"]


def test_a_data_file_that_links_out_of_the_project_is_never_read(project_copy, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("secret_field: hunter2-secret\n", encoding="utf-8")
    (project_copy / "data" / "shops" / "evil.yml").symlink_to(secret)
    result = run_cli("--root", str(project_copy), "check")
    assert result.returncode == 1 and "data/shops/evil.yml:1: 这是一个指向本站目录以外的链接" in result.stderr
    assert "hunter2" not in result.stderr and "secret_field" not in result.stderr
