// Parts of /checklist/ fetched on first use: the order table after an import, the share link and the
// download, each from the list's document; they return what to show or save, and the page puts it in place.
// DOM APIs and textContent only.
(function () {
  "use strict";

  // Rows to check and open rows come first; handled ones (often most of a big file) wait behind a
  // summary. Rows are laid out PAGE at a time: 30,000 table rows would take a phone seconds.
  var PAGE = 200;

  // The order table's parts (views: checklist-view.js's el, table and fill).
  function orders(table, data, views) {
    var app = data.app, el = views.el, fill = views.fill, headers = table.columns;
    function paged(list) {
      var grid = views.table(headers, []), body = grid.tBodies[0], shown = 0;
      var more = el("button", { type: "button", className: "md-button ck-more" });
      function next() {
        list.slice(shown, shown + PAGE).forEach(function (row) {
          body.appendChild(el("tr", { className: "ck-row-" + row.kind }, row.cells.map(function (c, i) { return el("td", { text: c, "data-label": headers[i] }); })));
        });
        shown = Math.min(list.length, shown + PAGE);
        more.hidden = shown >= list.length;
        more.textContent = fill(app.csv_show_more, { count: Math.min(PAGE, list.length - shown), total: list.length });
      }
      more.addEventListener("click", next);
      next();
      return el("div", { className: "ck-orders-table" }, [grid, more]);
    }
    var open = table.rows.filter(function (r) { return r.kind !== "handled"; }), handled = table.rows.length - open.length;
    var parts = [el("p", { text: fill(app.csv_shown, { shown: open.length, handled: handled }) })];
    if (open.length) parts.push(paged(open));
    if (handled) {
      var details = el("details", { className: "ck-handled-rows" }, [el("summary", { text: fill(app.csv_handled_rows, { count: handled }) })]);
      details.addEventListener("toggle", function () {
        if (details.open && details.children.length === 1) details.appendChild(paged(table.rows.filter(function (r) { return r.kind === "handled"; })));
      });
      parts.push(details);
    }
    return parts;
  }

  // The download: one HTML file (checklist-download.js), named after the shop, the list and the day.
  function download(doc, data, opts) {
    var file = window.OrderChecklistDownload;
    return { name: file.fileName(doc, data), blob: new Blob([file.toHtml(doc, data, opts)], { type: "text/html;charset=utf-8" }) };
  }

  // The address on the clipboard: a promise that fails where the page may not write there.
  function share(url) {
    if (!(navigator.clipboard && window.isSecureContext)) return Promise.reject(new Error("no clipboard"));
    return navigator.clipboard.writeText(url);
  }

  window.OrderChecklistExtras = { orders: orders, download: download, share: share };
})();
