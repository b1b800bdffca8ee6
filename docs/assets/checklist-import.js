// An order export imported into /checklist/ (fetched on first use, after orders-csv.js). The file is
// read on this device only. Its counts fill the form unless the seller typed other counts: then the
// page shows both and asks which to use. DOM APIs and textContent only.
(function () {
  "use strict";

  function read(ctx, source) {
    var status = ctx.root.querySelector("#csv-status"), csv = window.OrderCsv, data = ctx.data;
    status.className = "";
    status.replaceChildren(ctx.el("p", { text: data.app.csv_reading }));
    var reading = typeof source === "string" ? Promise.resolve(csv.read(source, data.states, data.csv)) : csv.readFile(source, data.states, data.csv);
    reading.then(function (result) {
      if (result.problems.length) {
        status.className = "ck-csv-error";
        status.replaceChildren(ctx.el("p", { text: csv.describe(result.problems[0], data) }));
        return;
      }
      show(ctx, result);
    });
  }

  // The count inputs a seller can type (states a file alone can tell have none), with what each holds.
  function typed(ctx) {
    return ctx.data.states.map(function (s) { return { state: s, input: ctx.control("orders." + s.key) }; })
      .filter(function (c) { return c.input; });
  }

  function show(ctx, result) {
    var data = ctx.data, app = data.app, el = ctx.el, status = ctx.root.querySelector("#csv-status");
    var kinds = { handled: 0, open: 0, check: 0 };
    result.rows.forEach(function (r) { kinds[r.kind]++; });
    var summary = el("p", { text: ctx.format(app.csv_loaded, { rows: result.rows.length, check: kinds.check, open: kinds.open, handled: kinds.handled }) });
    var counts = typed(ctx), asked = !counts.some(function (c) { return c.input.disabled; });
    var differ = counts.filter(function (c) { return Number(c.input.value || 0) !== (result.counts[c.state.key] || 0); });
    var mine = asked && counts.some(function (c) { return Number(c.input.value || 0) > 0; });
    status.className = "ck-csv-ok";
    ctx.setImported(result);
    var filled = el("p", { text: app.csv_filled });
    if (!(mine && differ.length)) {
      useFile(ctx, result);
      status.replaceChildren(summary, filled);
      return;
    }
    // The seller typed counts and the file says otherwise: never overwrite silently.
    var useButton = el("button", { type: "button", className: "md-button md-button--primary", text: app.csv_use_file });
    var keepButton = el("button", { type: "button", className: "md-button", text: app.csv_keep_mine });
    var choice = el("div", { className: "ck-conflict", role: "group", "aria-labelledby": "csv-conflict-title" }, [
      el("p", { id: "csv-conflict-title", text: app.csv_conflict }),
      el("ul", {}, differ.map(function (c) {
        return el("li", { text: ctx.format(app.csv_conflict_row, { label: c.state.label, typed: c.input.value || 0, file: result.counts[c.state.key] || 0 }) });
      })),
      el("div", { className: "ck-conflict-actions" }, [useButton, keepButton])]);
    useButton.addEventListener("click", function () { useFile(ctx, result); status.replaceChildren(summary, filled); });
    keepButton.addEventListener("click", function () { status.replaceChildren(summary, el("p", { text: app.csv_kept })); });
    status.replaceChildren(summary, choice);
    useButton.focus();
  }

  // The file's counts into the form, each with the lines that made it; the seller may still correct them.
  function useFile(ctx, result) {
    var data = ctx.data, app = data.app, lines = {};
    result.rows.forEach(function (r) { (lines[r.state] = lines[r.state] || []).push(r.line); });
    // The file shows open orders: the question that asks for the counts (show_when) is answered, as the CLI does.
    var open = data.states.some(function (s) { return !s.handled && result.counts[s.key] > 0; });
    var asked = (data.fields.find(function (f) { return f.type === "order_counts"; }) || {}).show_when;
    if (open && asked && "eq" in asked) ctx.form.querySelectorAll("input[name='" + asked.field + "']").forEach(function (r) { r.checked = r.value === asked.eq; });
    ctx.applyShowWhen();
    typed(ctx).forEach(function (c) {
      var input = c.input, note = input.parentNode.querySelector(".ck-count-src"), from = lines[c.state.key] || [];
      input.value = result.counts[c.state.key] || 0;
      if (!note) { note = ctx.el("p", { className: "ck-count-src", id: input.id + "-src" }); input.parentNode.appendChild(note); }
      note.textContent = from.length ? ctx.format(app.csv_rows_from, { lines: from.slice(0, 8).join(data.ui.list_separator) +
        (from.length > 8 ? ctx.format(app.csv_more_lines, { count: from.length - 8 }) : "") }) : "";
      input.setAttribute("aria-describedby", input.id + "-error " + note.id);
    });
    ctx.update();
  }

  window.OrderChecklistImport = { read: read };
})();
