// Parts of /checklist/ fetched on first use: the order table after an import, the share link and the
// download. The table and the download come from the list's document. DOM APIs and textContent only.
(function () {
  "use strict";

  // Rows to check and open rows come first; handled ones (often most of a big file) wait behind a
  // summary. Rows are laid out PAGE at a time: 30,000 table rows would take a phone seconds.
  var PAGE = 200;

  function orders(ctx, box) {
    var app = ctx.data.app, el = ctx.el, table = ctx.current().orders, headers = table.columns;
    function paged(list) {
      var grid = ctx.table(headers, []), body = grid.tBodies[0], shown = 0;
      var more = el("button", { type: "button", className: "md-button ck-more" });
      function next() {
        list.slice(shown, shown + PAGE).forEach(function (row) {
          body.appendChild(el("tr", { className: "ck-row-" + row.kind }, row.cells.map(function (c, i) { return el("td", { text: c, "data-label": headers[i] }); })));
        });
        shown = Math.min(list.length, shown + PAGE);
        more.hidden = shown >= list.length;
        more.textContent = ctx.format(app.csv_show_more, { count: Math.min(PAGE, list.length - shown), total: list.length });
      }
      more.addEventListener("click", next);
      next();
      return el("div", { className: "ck-orders-table" }, [grid, more]);
    }
    var open = table.rows.filter(function (r) { return r.kind !== "handled"; }), handled = table.rows.length - open.length;
    var parts = [el("p", { text: ctx.format(app.csv_shown, { shown: open.length, handled: handled }) })];
    if (open.length) parts.push(paged(open));
    if (handled) {
      var details = el("details", { className: "ck-handled-rows" }, [el("summary", { text: ctx.format(app.csv_handled_rows, { count: handled }) })]);
      details.addEventListener("toggle", function () {
        if (details.open && details.children.length === 1) details.appendChild(paged(table.rows.filter(function (r) { return r.kind === "handled"; })));
      });
      parts.push(details);
    }
    box.replaceChildren.apply(box, parts);
  }

  // Plain text (checklist-core.js toText): a phone opens it as it is, and it prints as it reads.
  function download(ctx) {
    var doc = ctx.current(), text = window.OrderChecklist.toText(doc, ctx.data, { done: ctx.done(), urls: ctx.links });
    var blob = new Blob(["\ufeff" + text], { type: "text/plain;charset=utf-8" });
    var name = String(doc.name).replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_");  // a file name, not a path
    var a = ctx.el("a", { href: URL.createObjectURL(blob), download: name + " " + doc.date + ".txt" });
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
