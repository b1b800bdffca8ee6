// Parts of /checklist/ fetched on first use: the order tables after a CSV import, the
// share link and the Markdown download. DOM APIs and textContent only, like the app.
(function () {
  "use strict";

  function orders(ctx, box) {
    var data = ctx.data, el = ctx.el, list = ctx.current().orders;
    var open = list.filter(function (o) { return !o.handled; });
    var parts = [];
    if (open.length) {
      parts.push(el("p", { text: data.app.blocking_orders }),
                 el("ul", { className: "ck-blocking-orders" }, open.map(function (o) { return el("li", { text: ctx.format(data.ui.pair, { term: o.id, text: o.label }) }); })));
    }
    parts.push(ctx.table(data.columns, list.map(function (o) { return [o.id, o.label, o.handled ? data.ui.handled_yes : data.ui.handled_no]; })));
    box.replaceChildren.apply(box, parts);
  }

  function markdown(ctx) {
    var done = ctx.done(), data = ctx.data, v = data.verdict, r = ctx.current();
    var line = function (i) {
      return "- [" + (done[i.id] ? "x" : " ") + "] " + (i.blocking ? "**" + v.blocking_badge + "** " : "") +
        ctx.format(data.ui.paren, { text: i.text, note: data.titles[i.link] || i.link });
    };
    return ["# " + (r.profile.name || data.app.default_name), r.ready ? v.ready : ctx.format(v.not_ready, { reasons: r.reasons.join(v.reason_separator) }),
            "## " + v.pre_title, r.pre.map(line).join("\n"), "## " + v.post_title, r.post.map(line).join("\n"),
            "## " + v.impact_title, r.impact.map(function (x) { return "- " + ctx.format(data.ui.pair, { term: x.aspect, text: x.level }); }).join("\n")].join("\n\n") + "\n";
  }

  function download(ctx) {
    var blob = new Blob([markdown(ctx)], { type: "text/markdown;charset=utf-8" });
    var a = ctx.el("a", { href: URL.createObjectURL(blob), download: (ctx.current().profile.name || ctx.data.app.default_name) + ".md" });
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
