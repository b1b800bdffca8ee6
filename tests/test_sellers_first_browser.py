"""Issue 22, sellers first, on a 390x844 phone in both palettes: the answer before the notes, one next step,
44 px targets, a list that travels (download, print) and an import that never overwrites silently."""
from __future__ import annotations

import json
import re

import pytest

from browser import axe_violations, before_close, download, item_ids, open_checklist, printed_reach, tick
from helpers import CONTENT

pytestmark = pytest.mark.browser

V = CONTENT.words
PATH = " › ".join(CONTENT.section("close-steps")["path"]["items"])
BLOCKED = "guarantee_required=not_required&alternative_tool=deposit&open_orders=yes&orders.refunding=2&orders.returning=1"
READY = "guarantee_required=not_required&alternative_tool=none&open_orders=no"


BELOW_HEADER = """s => { const r = document.querySelector(s).getBoundingClientRect();
    const h = document.querySelector('.md-header').getBoundingClientRect();
    return r.top >= h.bottom - 1 && r.top < innerHeight; }"""


def below_header(page, selector: str) -> bool:
    """The element's top edge is in view and not under Material's fixed header."""
    return page.evaluate(BELOW_HEADER, selector)


# -- 1. the steps page: the path first, one place per step ---------------------------------------------
def test_the_steps_page_opens_with_the_platform_path_and_its_date(phone):
    phone.goto(phone.base_url + "close-steps/")
    first = phone.locator("article h1 + *")
    assert "menu-path" in first.get_attribute("class")
    assert PATH in first.inner_text().replace("\n", "") and "2018" in first.inner_text()
    box = first.bounding_box()
    assert box["y"] + box["height"] <= 844, "the path is on the first screen of a phone"
    steps = CONTENT.section("close-steps")["parts"][0]["blocks"][1]["steps"]
    article_names = ("保险服务", "订单险管理")
    for step in steps:
        text = phone.inner_text(f"#step-{step['id']}")
        assert not any(name in text for name in article_names), f"step {step['id']} names one place only"
    blocks = phone.evaluate("""() => { const out = []; let n = document.getElementById('steps').nextElementSibling;
        while (n && n.tagName !== 'H2') { out.push([n.className, n.innerText]); n = n.nextElementSibling; } return out; }""")
    naming = [cls for cls, text in blocks if any(name in text for name in article_names)]
    assert naming == ["admonition note"], "the article's names appear once, as a note"
    unsettled = phone.inner_text("#step-click-close .steps__unsettled")
    assert unsettled.startswith(CONTENT.ui("unsettled_label")) and "客服" in unsettled, "step 5 says what is not settled, and how to find out"


# -- 2. the FAQ: the questions first, each answer before its notes --------------------------------------
def test_the_faq_lists_its_questions_first_and_each_answer_comes_before_its_notes(phone):
    phone.goto(phone.base_url + "faq/")
    entries = CONTENT.faq["entries"]
    links = phone.locator(".faq-questions a")
    assert links.all_inner_texts() == [e["question"] for e in entries]
    assert [a.split("#")[1] for a in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")] == [e["id"] for e in entries]
    phone.click(".faq-questions a[href$='#ranking']")
    phone.wait_for_function("location.hash === '#ranking'")
    # Material's instant navigation scrolls to the question once the address has changed: wait for it to land.
    phone.wait_for_function(BELOW_HEADER, arg="#ranking", timeout=5000)  # a question's link lands with it in view
    for entry in entries:
        section = phone.evaluate("""id => { const out = []; let n = document.getElementById(id).nextElementSibling;
            while (n && n.tagName !== 'H2' && !n.matches('.page-meta')) { out.push({cls: n.className, tag: n.tagName, text: n.innerText});
            n = n.nextElementSibling; } return out; }""", entry["id"])
        assert section[0]["tag"] == "P" and section[0]["cls"] == "", f"{entry['id']}: the answer comes first"
        assert not section[0]["text"].startswith("本站的来源"), f"{entry['id']}: the answer opens with what to do or what is known"
        meta = [s for s in section if "faq-meta" in s["cls"]]
        assert len(meta) == 1 and "\n" not in meta[0]["text"].strip(), f"{entry['id']}: the notes are one quiet line"
        assert section[-1] == meta[0], f"{entry['id']}: the notes come last"
        if entry.get("unsettled"):
            kinds = [s["cls"] for s in section]
            assert kinds.index("faq-unsettled") < kinds.index(meta[0]["cls"])
    assert not phone.locator(".faq-also[open]").count(), "other phrasings are folded"
    json_ld = json.loads(phone.evaluate("document.head.querySelector('script[type=\"application/ld+json\"]').textContent"))
    assert [q["name"] for q in json_ld["mainEntity"]] == [e["question"] for e in entries]


# -- 4. the result leads with the next step, then the groups ---------------------------------------------
def test_the_result_leads_with_the_first_blocking_items_next_step_then_the_groups(phone):
    open_checklist(phone, BLOCKED)
    order = phone.evaluate("Array.from(document.querySelectorAll('#verdict, #next-step, #lists')).map(e => e.id)")
    assert order == ["verdict", "next-step", "lists"]
    first = next(i for i in CONTENT.checklist["items"] if i["id"] == before_close(phone)[0])
    next_step = phone.inner_text("#next-step")
    assert next_step.startswith(V("next_title")) and first["action"].replace("{orders.refunding}", "2") in next_step
    assert phone.locator("#next-step a").get_attribute("href").endswith("prepare/#orders-handled")
    headings = phone.locator("#lists .ck-group:not([hidden]) h2").all_inner_texts()
    assert headings == [V(f"group_{k}") for k in ("blocking", "pre", "during", "post")]
    assert item_ids(phone, "blocking") == ["settle-refunds", "settle-returns"]
    assert not phone.locator("#lists details").count(), "no item waits in a fold"
    pre = item_ids(phone, "pre")
    assert pre[:3] == ["verify-order-states", "backup", "ask-official"], "checking orders, backing up and asking come first"
    sizes = phone.evaluate("""() => ({verdict: parseFloat(getComputedStyle(document.querySelector('#verdict .admonition-title')).fontSize),
        items: Array.from(document.querySelectorAll('#lists .ck-item-text')).map(e => parseFloat(getComputedStyle(e).fontSize))})""")
    assert sizes["verdict"] > max(sizes["items"]), sizes
    assert "先完成下面" not in phone.inner_text("#verdict") and V("ticks_note") in phone.inner_text("#verdict"), \
        "the verdict line does not suggest that ticks change it"


def test_a_ready_shop_gets_one_concrete_next_step_with_only_the_deciding_answers(phone):
    """No name, no team size, no reliance: the verdict, and the first thing to do before closing as the next step."""
    open_checklist(phone, READY, complete=False)
    assert "success" in phone.get_attribute("#verdict", "class")
    first = next(i for i in CONTENT.checklist["items"] if i["id"] == item_ids(phone, "pre")[0])
    step = phone.inner_text("#next-step")
    assert first["action"] in step and step not in phone.inner_text("#verdict"), "a step to take, not the verdict again"
    assert phone.locator("#next-step a").get_attribute("href").endswith(first["link"].replace("#", "/#"))
    assert not item_ids(phone, "blocking") and phone.is_hidden("#group-blocking")
    assert phone.inner_text("#page-title").strip() == CONTENT.checklist["app"]["title"], "no name, no named heading"
    order = phone.evaluate("Array.from(document.querySelectorAll('#checklist-form, #verdict, #later-answers')).map(e => e.id)")
    assert order == ["checklist-form", "verdict", "later-answers"], "nothing stands between the deciding questions and the result"
    assert phone.inner_text("#impact").strip() == V("impact_unanswered")


def test_an_unsure_answer_sends_the_seller_to_find_out_before_paying_anything(phone):
    for query, item in (("guarantee_required=unsure&alternative_tool=unsure&open_orders=no", "check-guarantee-rule"),
                        ("guarantee_required=required&alternative_tool=unsure&open_orders=no", "check-alternative-tool"),
                        ("guarantee_required=not_required&alternative_tool=none&open_orders=unsure", "confirm-open-orders")):
        open_checklist(phone, query, complete=False)
        assert item_ids(phone, "blocking")[0] == item, query
        step = phone.inner_text("#next-step")
        assert "查" in step or "筛" in step, step
        assert not any(word in step for word in ("开通", "冻结", "缴纳")), "no step that costs money comes first"


def test_a_share_link_opens_on_the_result(phone):
    open_checklist(phone, BLOCKED)
    phone.wait_for_function("document.activeElement && document.activeElement.id === 'verdict'")
    box = phone.locator("#verdict").bounding_box()
    assert 0 <= box["y"] < 844 / 2, box


def test_an_unanswered_form_names_the_first_question_as_the_next_step(phone):
    open_checklist(phone, complete=False)
    first = next(f for f in CONTENT.profile["fields"] if f.get("required"))
    assert V("next_answer").replace("{label}", first["label"]) in phone.inner_text("#next-step")


# -- 5. tap targets, focus, headings and titles ----------------------------------------------------------------
def test_every_control_is_a_44px_target_and_a_whole_option_row_selects(phone):
    open_checklist(phone, BLOCKED)
    tick(phone, "settle-refunds")
    phone.evaluate("document.querySelectorAll('#lists details').forEach(d => d.open = true)")
    small = phone.evaluate("""() => {
        const out = [], seen = new Set();
        const targets = document.querySelectorAll('#checklist-app button, #checklist-app input, #checklist-app textarea, ' +
            '#checklist-app summary, #checklist-app a.ck-guide, #checklist-app a.ck-change, #next-step a, #verdict li a, .ck-because a');
        for (const el of targets) {
            const box = (el.matches('input[type=radio], input[type=checkbox]') ? el.closest('label') : el);
            if (!box || seen.has(box) || !box.getClientRects().length || getComputedStyle(box).visibility === 'hidden') continue;
            seen.add(box);
            const r = box.getBoundingClientRect();
            if (r.height < 43.5 || r.width < 43.5) out.push([box.tagName, box.className, box.textContent.slice(0, 20), Math.round(r.width), Math.round(r.height)]);
        }
        return out; }""")
    assert not small, small
    help_text = phone.locator("label[for='f-buyer-reliance-high'] .ck-option-help")
    help_text.click()
    assert phone.is_checked("#f-buyer-reliance-high"), "tapping an option's description selects it"


def test_nothing_covers_the_error_summary_and_the_status_bar_lands_below_the_header(phone):
    open_checklist(phone, BLOCKED)
    phone.fill("input[name='team_size']", "0")
    phone.mouse.wheel(0, 2500)
    phone.wait_for_timeout(300)
    phone.mouse.wheel(0, -2400)  # scrolling up is what brings Material's back-to-top button out
    phone.wait_for_timeout(400)
    phone.locator("#error-summary").scroll_into_view_if_needed()
    covered = phone.evaluate("""() => { const r = document.querySelector('#error-summary').getBoundingClientRect();
        return [[r.left + 8, r.top + 8], [r.left + r.width / 2, r.top + r.height / 2], [r.right - 8, r.top + 8]]
          .map(([x, y]) => document.elementFromPoint(x, y)).filter(e => !e.closest('#error-summary')).map(e => e.className); }""")
    assert not covered, covered
    phone.fill("input[name='team_size']", "2")
    phone.locator("#status-bar").click()
    phone.wait_for_timeout(400)
    assert below_header(phone, "#verdict"), "the verdict's heading is in view, not under the header"


def test_the_heading_and_tab_title_read_as_the_shops_list(phone):
    open_checklist(phone, BLOCKED)
    heading = phone.locator("#page-title")
    assert heading.inner_text().strip() == "测试店的关闭清单", "no visible ¶ in the heading"
    assert phone.title() == "测试店的关闭清单 - " + CONTENT.site["title"]
    phone.fill("input[name='name']", "")
    assert heading.inner_text().strip() == CONTENT.checklist["app"]["title"]
    assert phone.title() == CONTENT.checklist["app"]["title"] + " - " + CONTENT.site["title"]


def test_the_result_page_has_no_serious_accessibility_violations(phones):
    open_checklist(phones, BLOCKED)
    tick(phones, "settle-refunds")
    phones.evaluate("document.querySelectorAll('#lists details').forEach(d => d.open = true)")
    assert phones.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if phones.scheme == "dark" else "default")
    assert not axe_violations(phones)
    for page in ("faq/", "close-steps/") if phones.scheme == "dark" else ():  # light: the phone walk checks every page
        phones.goto(phones.base_url + page)
        assert not axe_violations(phones)


# -- 7. print ------------------------------------------------------------------------------------------------------
ROWS = "订单编号,订单状态,宝贝标题,实付金额,退款金额\n" + "\n".join(
    f"28755123456789{n:02d},{state},一件名字相当长的宝贝标题{n},128.00,{refund}"
    for n, (state, refund) in enumerate([("交易成功", "20.00"), ("卖家已发货，等待买家确认", ""), ("交易成功", ""),
                                        ("神秘状态", ""), ("买家已付款，等待卖家发货", "")])) + "\n"


def paste_export(page, rows: str) -> None:
    page.fill("#f-csv-text", rows)
    page.click("#f-csv-read")
    page.wait_for_selector("#orders .ck-orders-table td")


def test_print_fits_the_order_table_on_a4_and_leaves_out_controls(phone):
    open_checklist(phone, READY)
    paste_export(phone, ROWS)
    assert not phone.locator("#orders .ck-more").is_visible(), "「再显示」 only when there are rows left to show"
    phone.set_viewport_size({"width": 718, "height": 1000})  # A4 portrait at 96 dpi, less 1 cm margins
    phone.emulate_media(media="print")
    fit = phone.evaluate("""() => { const t = document.querySelector('#orders table'), w = document.documentElement.clientWidth;
        return {table: t.getBoundingClientRect().right, page: w, cells: Array.from(t.querySelectorAll('th'))
          .map(th => th.getBoundingClientRect()).filter(r => r.right > w + 1 || r.width < 10).length}; }""")
    assert fit["table"] <= fit["page"] + 1 and fit["cells"] == 0, fit
    for th in ("退款金额", "判断", "原因"):
        assert phone.locator(f"#orders th:has-text('{th}')").is_visible()
    for control in (".ck-change", "#checklist-app .md-button", ".ck-more", "#checklist-form", ".ck-status-bar"):
        assert not phone.locator(control).first.is_visible(), control
    assert phone.locator("[data-item-id='backup']").is_visible(), "every item prints"
    unbroken = phone.evaluate("""() => Array.from(document.querySelectorAll('#orders td:nth-child(2), #orders td:nth-child(5)'))
        .filter(td => td.textContent).map(td => { const r = document.createRange(); r.selectNodeContents(td);
          return r.getClientRects().length; })""")
    assert unbroken and set(unbroken) == {1}, "an order number or an amount never wraps"
    keep = phone.evaluate("Array.from(document.querySelectorAll('.ck-app h2')).map(h => getComputedStyle(h).breakAfter)")
    assert set(keep) == {"avoid"}, "a heading stays with what follows it"
    note = phone.inner_text("#print-note")
    assert phone.is_visible("#print-note") and re.search(r"\d{4}-\d{2}-\d{2}", note), "the printed list has its date and source line"
    assert not phone.locator("#later-answers").is_visible() and not phone.locator(".ck-handled-rows summary").is_visible()


# -- 6. a list that travels ------------------------------------------------------------------------------------------
def test_the_download_carries_the_imported_order_table_with_each_rows_reason(phone, tmp_path):
    open_checklist(phone, READY)
    paste_export(phone, ROWS)
    html, _ = download(phone, tmp_path)
    table = html.split(f"<h2>{V('orders_title')}</h2>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", table)[1:]
    assert len(rows) == 5
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[0])
    assert cells[:2] == ["2", "2875512345678900"] and "20.00" in cells and "需人工核对" in cells
    assert '<td class="n">2875512345678900</td>' in rows[0], "an order number never wraps"
    assert "神秘状态" in html and "见订单核对表" in html, "the item that points to the table travels with it"


# -- 8. an import never overwrites silently; ticks never change the verdict ---------------------------------------
EXPORT = "订单编号,订单状态\n1,交易成功\n2,交易成功\n3,卖家已发货，等待买家确认\n"


def test_an_import_asks_before_it_replaces_typed_counts(phone):
    open_checklist(phone, BLOCKED)
    phone.fill("#f-csv-text", EXPORT)
    phone.click("#f-csv-read")
    phone.wait_for_selector(".ck-conflict")
    conflict = phone.inner_text(".ck-conflict")
    assert "已发货未签收：你填的 0，表格里 1" in conflict
    assert "退款中" not in conflict, "a state the file cannot tell (no refund column) is never offered as 0"
    assert "退款中、退货中" in phone.inner_text("#csv-status"), "the status says which counts the file cannot tell"
    assert phone.input_value("input[name='orders.refunding']") == "2", "nothing changes before the seller chooses"
    assert "settle-refunds" in item_ids(phone, "blocking")
    phone.click("text=" + CONTENT.checklist["app"]["csv_keep_mine"])
    assert phone.input_value("input[name='orders.refunding']") == "2" and not phone.locator(".ck-conflict").count()
    assert CONTENT.checklist["app"]["csv_kept"] in phone.inner_text("#csv-status")
    phone.fill("#f-csv-text", EXPORT + "4,退款中\n")
    phone.click("#f-csv-read")
    phone.click("text=" + CONTENT.checklist["app"]["csv_use_file"])
    assert phone.input_value("input[name='orders.refunding']") == "2" and phone.input_value("input[name='orders.shipped']") == "1", \
        "the typed refunds stay (the file shows one, and cannot show the rest)"
    assert phone.input_value("input[name='orders.returning']") == "1", "returns, too, the file cannot tell"


def test_after_a_settled_export_the_next_step_follows_the_new_answers(phone):
    """A file with a refund column and every order settled: using its numbers answers 没有, and the list is ready."""
    open_checklist(phone, BLOCKED)
    phone.fill("#f-csv-text", "订单编号,订单状态,退款状态\n1,交易成功,无退款\n2,交易关闭,退款成功\n")
    phone.click("#f-csv-read")
    phone.click("text=" + CONTENT.checklist["app"]["csv_use_file"])
    phone.wait_for_function("document.querySelector('#verdict').className.includes('success')")
    assert phone.is_checked("input[name='open_orders'][value='no']")
    assert not item_ids(phone, "blocking") and "count-open-orders" not in item_ids(phone)
    status = phone.inner_text("#csv-status")
    assert CONTENT.checklist["app"]["csv_filled"] in status and "上面" in status, "the message says where the counts are"


def test_an_import_fills_untyped_counts_without_asking(phone):
    open_checklist(phone, READY)
    phone.fill("#f-csv-text", EXPORT)
    phone.click("#f-csv-read")
    phone.wait_for_selector(".ck-csv-ok")
    assert not phone.locator(".ck-conflict").count()
    assert phone.input_value("input[name='orders.shipped']") == "1"


def test_the_set_to_zero_offer_sits_beside_a_ticked_blocking_item_and_leaves_with_it(phone):
    open_checklist(phone, BLOCKED)
    offer = phone.locator("[data-item-id='settle-returns'] .ck-set-zero")
    assert not offer.is_visible(), "only after a tick"
    tick(phone, "settle-returns")
    assert offer.is_visible() and "退货中" in offer.inner_text()
    assert "danger" in phone.get_attribute("#verdict", "class"), "a tick does not change the verdict"
    phone.click("[data-item-id='settle-returns'] .ck-set-zero")
    assert phone.input_value("input[name='orders.returning']") == "0" and "settle-returns" not in item_ids(phone)
    said = V("set_zero_done").replace("{label}", "退货中")
    assert phone.inner_text("#action-status") == said, "the change is said"
    assert phone.evaluate("document.activeElement.id") == "verdict", "and the focus lands on the result, not the page body"
    tick(phone, "settle-refunds")
    phone.click("[data-item-id='settle-refunds'] .ck-set-zero")
    phone.check("input[name='open_orders'][value='no']")  # every count is 0 now: the seller answers the question again
    assert "success" in phone.get_attribute("#verdict", "class")
    assert not phone.locator(".ck-set-zero:visible").count(), "no offer stays once its count is 0"


# -- Issue 31, the smaller points ----------------------------------------------------------------------------------
def test_a_whole_home_card_is_one_target_and_searchs_buttons_are_44px(phone):
    phone.goto(phone.base_url)
    missed = phone.evaluate("""() => Array.from(document.querySelectorAll('.grid.cards > ul > li')).filter(li => {
        li.scrollIntoView({block: 'center'}); const r = li.getBoundingClientRect(), a = li.querySelector('a');
        const hit = document.elementFromPoint(r.left + r.width / 2, r.bottom - 6); return !(hit === a || a.contains(hit)); })
        .map(li => li.textContent.trim().slice(0, 12))""")
    assert not missed, "the foot of each card opens its page too"
    phone.click("label[for=__search].md-header__button")
    phone.fill(".md-search__input", "关闭")
    phone.keyboard.press("End")
    phone.wait_for_selector(".md-search__options > .md-icon")
    sizes = phone.evaluate("""() => Array.from(document.querySelectorAll('.md-search__options > .md-icon, .md-search__icon[for=__search]'))
        .filter(e => e.getClientRects().length).map(e => [e.offsetWidth, e.offsetHeight])""")  # layout size: Material scales the clear button in
    assert len(sizes) == 2 and all(w >= 44 and h >= 44 for w, h in sizes), sizes


def test_the_home_pages_first_screen_names_the_site_once(phone):
    phone.goto(phone.base_url)
    heading = phone.inner_text("#page-title").strip().rstrip("¶")
    assert heading == CONTENT.site["home"]["heading"] and CONTENT.site["title"] not in heading, "the header already names the site"
    account = phone.evaluate("""t => { let n = 0; const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) { const r = walk.currentNode.parentElement.getBoundingClientRect();
          const style = getComputedStyle(walk.currentNode.parentElement);
          if (walk.currentNode.textContent.includes(t) && r.height && r.bottom > 0 && r.top < 844 && r.right > 0 && r.left < 390
              && style.visibility !== 'hidden' && style.opacity !== '0') n++; } return n; }""", CONTENT.site["title"])
    assert account == 1, f"the site's name shows {account} times on the first screen"


def test_a_question_reached_by_its_anchor_shows_no_stray_mark(phone):
    phone.goto(phone.base_url + "faq/#ranking")
    phone.wait_for_function("location.hash === '#ranking'")
    mark = phone.locator("#ranking .headerlink")
    assert mark.count() == 1 and mark.evaluate("a => getComputedStyle(a).opacity") == "0", "no ¶ left beside the question"
    mark.focus()  # a keyboard user still finds the link (it fades in)
    phone.wait_for_function("getComputedStyle(document.querySelector('#ranking .headerlink')).opacity === '1'", timeout=3000)


def test_a_glossary_tooltip_reads_at_the_size_of_the_text_around_it(phone):
    phone.goto(phone.base_url + "prepare/")
    term = phone.locator(".md-content abbr").first
    term.scroll_into_view_if_needed()
    term.tap()
    phone.wait_for_function("""() => { const t = document.querySelector('.md-tooltip2--active');
        return t && getComputedStyle(t).opacity === '1'; }""", timeout=5000)
    sizes = phone.evaluate("""() => [document.querySelector('.md-tooltip2--active .md-tooltip2__inner'),
        document.querySelector('.md-content p')].map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes[0] >= sizes[1] >= 16, f"tooltip {sizes[0]} px, text {sizes[1]} px"


# -- 7. print, page by page: a heading kept with its content may move a little, a page never stays half empty --------
MANY_ROWS = "订单编号,订单状态,宝贝标题,实付金额,退款金额\n" + "\n".join(
    f"28755123456789{n:02d},{state},一件名字相当长的宝贝标题{n},128.00,"
    for n, state in enumerate(["交易成功", "卖家已发货，等待买家确认", "买家已付款，等待卖家发货"] * 14)) + "\n"


# a one-page page (about/, the empty checklist) printed a blank second page; the glossary's table left page 1 empty
@pytest.mark.parametrize("address, rows", [("glossary/", ""), ("about/", ""), ("checklist/", ""),
                                           ("checklist/?" + BLOCKED, MANY_ROWS)])
def test_printing_on_a4_leaves_no_blank_or_half_empty_page(page, address, rows):
    page.goto(page.base_url + address)
    if rows:
        paste_export(page, rows)
    reach = printed_reach(page.pdf(format="A4", margin={side: "1cm" for side in ("top", "right", "bottom", "left")}))
    assert reach[-1] > 0.05, f"the last page has text: {reach}"
    assert all(share >= 0.6 for share in reach[:-1]), f"each page but the last is at least 60 % full: {reach}"
