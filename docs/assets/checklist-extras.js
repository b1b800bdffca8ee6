// Parts of /checklist/ fetched on first use: the order tables after a CSV import, the
// share link and the Markdown download. DOM APIs and textContent only, like the app.
(function () {
  "use strict";

  // The imported rows, each with why it is or is not handled. Rows to check and open rows come
  // first; handled ones (often most of a big file) wait behind a summary. Rows are laid out
  // PAGE at a time: 30,000 table rows would take the phone seconds to lay out.
  var PAGE = 200;

  function orders(ctx, box) {
    var data = ctx.data, app = data.app, el = ctx.el, rows = ctx.imported().rows, csv = window.OrderCsv;
    var headers = ["line", "id", "state", "title", "paid", "refund", "result", "reason"].map(function (k) { return app["csv_col_" + k]; });
    function paged(list) {
      var table = ctx.table(headers, []), body = table.tBodies[0], shown = 0, more = el("button", { type: "button", className: "md-button ck-more" });
      function next() {
        list.slice(shown, shown + PAGE).forEach(function (r) {
          var cells = [String(r.line), r.id, r.state_text, r.title, r.paid, r.refund, app["csv_kind_" + r.kind], csv.reason(r, data)];
          body.appendChild(el("tr", {}, cells.map(function (c, i) { return el("td", { text: c, "data-label": headers[i] }); })));
        });
        shown = Math.min(list.length, shown + PAGE);
        more.hidden = shown >= list.length;
        more.textContent = ctx.format(app.csv_show_more, { count: Math.min(PAGE, list.length - shown), total: list.length });
      }
      more.addEventListener("click", next);
      next();
      return el("div", { className: "ck-orders-table" }, [table, more]);
    }
    var open = rows.filter(function (r) { return r.kind !== "handled"; }), handled = rows.length - open.length;
    var parts = [el("p", { text: ctx.format(app.csv_shown, { shown: open.length, handled: handled }) })];
    if (open.length) parts.push(paged(open));
    if (handled) {
      var details = el("details", { className: "ck-handled-rows" }, [el("summary", { text: ctx.format(app.csv_handled_rows, { count: handled }) })]);
      details.addEventListener("toggle", function () {
        if (details.open && details.children.length === 1) details.appendChild(paged(rows.filter(function (r) { return r.kind === "handled"; })));
      });
      parts.push(details);
    }
    box.replaceChildren.apply(box, parts);
  }

  // Text that Markdown shows as it is: no heading, list, link or HTML can come from an answer.
  function md(text) {
    return String(text).replace(/\s+/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/([\\`*_\[\]{}#|!~=()>+-])/g, "\\$1");
  }

  function markdown(ctx) {
    var done = ctx.done(), data = ctx.data, v = data.verdict, r = ctx.current(), root = ctx.root;
    var line = function (i) {
      var why = root.querySelector("[data-item-id='" + i.id + "'] .ck-because");
      return "- [" + (done[i.id] ? "x" : " ") + "] " + (i.blocking ? "**" + md(v.blocking_badge) + "** " : "") +
        md(ctx.format(data.ui.paren, { text: i.text, note: data.titles[i.link] || i.link })) + (why && why.textContent ? "  \n  " + md(why.textContent) : "");
    };
    var answers = Array.prototype.map.call(ctx.answers(), function (row) {
      return "- " + md(ctx.format(data.ui.pair, { term: row.querySelector("dt").textContent, text: row.querySelector("dd span").textContent.trim() }));
    });
    var words = ctx.verdictWords(r);
    return ["# " + md(ctx.format(v.named_title, { name: r.profile.name })), md(words[0]) + "\n\n" + md(words[1]),
            "## " + md(v.answers_title), answers.join("\n"),
            "## " + md(v.pre_title), r.pre.map(line).join("\n"), "## " + md(v.post_title), r.post.map(line).join("\n"),
            "## " + md(v.impact_title), r.impact.map(function (x) { return "- " + md(ctx.format(data.ui.pair, { term: x.aspect, text: x.level })); }).join("\n")].join("\n\n") + "\n";
  }

  function download(ctx) {
    var blob = new Blob([markdown(ctx)], { type: "text/markdown;charset=utf-8" });
    var name = String(ctx.current().profile.name).replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_");  // a file name, not a path
    var a = ctx.el("a", { href: URL.createObjectURL(blob), download: name + ".md" });
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function share(ctx) {
    var url = location.href, app = ctx.data.app;
    var manual = function () {
      ctx.say(app.share_manual);
      var input = ctx.el("input", { type: "text", readonly: "readonly", value: url, className: "ck-share-url", "aria-label": app.share });
      ctx.root.querySelector("#action-status").appendChild(input);
      input.select();
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).then(function () { ctx.say(app.share_done); }, manual);
    else manual();
  }

  window.OrderChecklistExtras = { orders: orders, download: download, share: share };
})();
