// Read an order CSV in the browser (never uploaded): decode UTF-8 or GBK, parse RFC 4180
// quoting, find the id and state columns, map state names to keys. Usable from `node --test`.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.OrderCsv = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function decode(bytes) {
    try { return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""); }
    catch (e) { /* not UTF-8: try GBK, the other encoding Chinese spreadsheets save */ }
    try { return new TextDecoder("gbk", { fatal: true }).decode(bytes); }
    catch (e) { return null; }
  }

  // Rows of cells with the line each row starts on; { error, line } on an unclosed quote.
  function parse(text) {
    var rows = [], row = [], cell = "", line = 1, start = 1, quoted = false, quoteLine = 0, i = 0, n = text.length;
    text = text.replace(/^\uFEFF/, "");
    n = text.length;
    for (; i < n; i++) {
      var ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
        } else { if (ch === "\n") line++; cell += ch; }
      } else if (ch === '"' && cell === "") { quoted = true; quoteLine = line; }
      else if (ch === ",") { row.push(cell); cell = ""; }
      else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text[i + 1] === "\n") i++;
        row.push(cell); rows.push({ line: start, cells: row }); row = []; cell = ""; line++; start = line;
      } else cell += ch;
    }
    if (quoted) return { error: "bad_quote", line: quoteLine };
    if (cell !== "" || row.length) { row.push(cell); rows.push({ line: start, cells: row }); }
    return { rows: rows.filter(function (r) { return r.cells.some(function (c) { return c.trim() !== ""; }); }) };
  }

  // { orders: [{id, status}], errors: [{line, code, value}] } — any error rejects the file.
  function readOrders(text, states, csv) {
    var parsed = parse(text);
    if (parsed.error) return { orders: [], errors: [{ line: parsed.line, code: "bad_quote" }] };
    var rows = parsed.rows;
    if (!rows.length) return { orders: [], errors: [{ line: 1, code: "empty" }] };
    var header = rows[0].cells.map(function (c) { return c.trim(); });
    var find = function (names) { return header.findIndex(function (h) { return names.indexOf(h) >= 0; }); };
    var idCol = find(csv.id_headers), stateCol = find(csv.status_headers);
    if (idCol < 0 || stateCol < 0) return { orders: [], errors: [{ line: rows[0].line, code: "no_header" }] };
    if (rows.length - 1 > csv.max_rows) return { orders: [], errors: [{ line: rows[csv.max_rows + 1].line, code: "too_many" }] };
    var names = {};
    states.forEach(function (s) { [s.label].concat(s.aliases || []).forEach(function (n) { names[n] = s.key; }); });
    var orders = [], errors = [];
    for (var r = 1; r < rows.length; r++) {
      var cells = rows[r].cells;
      var id = (cells[idCol] || "").trim().replace(/^'/, "").replace(/^="?|"$/g, "");
      var label = (cells[stateCol] || "").trim();
      if (!id) errors.push({ line: rows[r].line, code: "missing_id" });
      else if (!has(names, label)) errors.push({ line: rows[r].line, code: "unknown_state", value: label });
      else orders.push({ id: id, status: names[label] });
    }
    if (!orders.length && !errors.length) errors.push({ line: rows[0].line, code: "empty" });
    return { orders: errors.length ? [] : orders, errors: errors };
  }

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function fill(template, args) {
    return template.replace(/\{(\w+)\}/g, function (all, k) { return args[k] === undefined ? all : String(args[k]); });
  }

  // The seller-facing message of each error (at most ten, then a count), in the page's words.
  function describe(errors, data) {
    var app = data.app, names = data.states.map(function (s) { return s.label; }).join(data.ui.list_separator);
    var lines = errors.slice(0, 10).map(function (e) {
      var template = app["csv_" + e.code] || e.code;
      var message = fill(template, { value: e.value, allowed: names, max: data.csv.max_rows });
      return fill(app.csv_error_line, { line: e.line, message: message });
    });
    if (errors.length > 10) lines.push(fill(app.csv_more_errors, { count: errors.length - 10 }));
    return lines;
  }

  return { decode: decode, parse: parse, readOrders: readOrders, describe: describe };
});
