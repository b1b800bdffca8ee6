// Read a seller's order export in the browser (never uploaded), the way macros/checklist/orders.py does:
// both follow tests/vectors/orders.json. Decode (BOM, else UTF-8, else GBK), find the separator
// from the header and the columns by name; each row becomes handled, open, or to be checked by
// hand, with its reason. Big files are read in chunks with a pause between them, so the page
// stays responsive and only the columns the table needs are kept. Usable from `node --test`.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.OrderCsv = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var SEPARATORS = [",", "\t", ";"], CHECK = "needs_check", CHUNK = 1 << 20;
  var AMOUNT = /^-?[0-9]+(?:\.[0-9]+)?$/, SPACES = /\s+/g;
  var ROLES = { id: "id_headers", state: "state_headers", title: "title_headers", paid: "paid_headers",
                refund: "refund_amount_headers", refund_status: "refund_status_headers" };

  function squeeze(text) { return text.replace(SPACES, ""); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // A BOM decides; otherwise UTF-8, then GBK. `null`: binary, or no encoding fits.
  function sniff(bytes) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", skip: 3, fixed: true };
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", skip: 2, fixed: true };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", skip: 2, fixed: true };
    return { encoding: "utf-8", skip: 0, fixed: false };
  }

  function decode(bytes) {
    var s = sniff(bytes), body = bytes.subarray(s.skip);
    var tries = s.fixed ? [s.encoding] : (body.indexOf(0) >= 0 ? [] : ["utf-8", "gbk"]);
    for (var i = 0; i < tries.length; i++) {
      try { return new TextDecoder(tries[i], { fatal: true, ignoreBOM: true }).decode(body); } catch (e) { /* next */ }
    }
    return null;
  }

  function headerName(cell) { return squeeze(cell).replace(/^=+/, "").replace(/^"+|"+$/g, "").replace(/^'+|'+$/g, ""); }

  // `="2875…"` (Excel's keep-the-digits formula) and a leading `'` lose their markers.
  function clean(cell) {
    var v = cell.trim();
    if (v.length >= 3 && v.slice(0, 2) === '="' && v.slice(-1) === '"') v = v.slice(2, -1);
    else if (v.charAt(0) === "'") v = v.slice(1);
    return v.trim();
  }

  function columns(header, csv) {
    var names = header.map(headerName), found = {};
    Object.keys(ROLES).forEach(function (role) {
      var options = (csv[ROLES[role]] || []).map(headerName);
      var index = names.findIndex(function (n) { return options.indexOf(n) >= 0; });
      if (index >= 0) found[role] = index;
    });
    return found;
  }

  // The next place of `ch` at or after `pos`, remembered per buffer: without it every record would
  // search to the end of the text again, and a file with no quotes at all would take quadratic time.
  function find(text, ch, pos, seen, key) {
    var at = seen[key];
    if (at === -2 || (at !== -1 && at < pos)) { at = text.indexOf(ch, pos); seen[key] = at; }
    return at;
  }
  function unseen() { return { sep: -2, nl: -2, cr: -2, quote: -2 }; }

  function breaks(text) { return text.indexOf("\n") < 0 && text.indexOf("\r") < 0 ? 0 : (text.match(/\r\n|\r|\n/g) || []).length; }

  // One record of `text` at `pos` with separator `sep`: { cells, closed, end, lines }, or null when
  // the text ends before the record does and more may come (`final` false). At the end: end === pos.
  // A quote opens a quoted cell only as a cell's first character; after its closing quote the rest
  // of the cell is taken as it is. Lines end with "\r\n", "\r" or "\n".
  function record(text, pos, sep, final, seen) {
    var n = text.length, cells = [], lines = 0, i = pos;
    if (pos >= n) return final ? { cells: [""], closed: true, end: n, lines: 0 } : null;
    var nl = find(text, "\n", pos, seen, "nl"), cr = find(text, "\r", pos, seen, "cr"), stop = nl < 0 ? cr : cr < 0 ? nl : Math.min(nl, cr);
    var quote = find(text, '"', pos, seen, "quote");
    if (stop >= 0 && (quote < 0 || quote > stop) && !(stop === cr && stop + 1 === n && !final)) {  // no quote on this line: a plain split
      return { cells: text.slice(pos, stop).split(sep), closed: true, end: stop + (stop === cr && text.charAt(stop + 1) === "\n" ? 2 : 1), lines: 1 };
    }
    for (;;) {
      var cell = "";
      if (text.charAt(i) === '"') {  // a quoted cell: up to the lone closing quote ("" is one quote)
        var j = i + 1;
        for (;;) {
          var q = text.indexOf('"', j);
          if (q < 0 || (q + 1 === n && !final)) {
            if (!final) return null;
            cell += text.slice(j);
            cells.push(cell);
            return { cells: cells, closed: false, end: n, lines: lines + breaks(text.slice(j)) };
          }
          cell += text.slice(j, q);
          if (stop >= 0 && stop < q) lines += breaks(text.slice(j, q));  // no line end before q: nothing to count
          if (text.charAt(q + 1) === '"') { cell += '"'; j = q + 2; } else { i = q + 1; break; }
        }
      }
      var at = find(text, sep, i, seen, "sep");
      if (stop >= 0 && stop < i) {  // a quoted cell ran past that line end
        nl = find(text, "\n", i, seen, "nl"); cr = find(text, "\r", i, seen, "cr"); stop = nl < 0 ? cr : cr < 0 ? nl : Math.min(nl, cr);
      }
      if (at >= 0 && (stop < 0 || at < stop)) { cells.push(cell + text.slice(i, at)); i = at + 1; continue; }
      if (stop < 0) {
        if (!final) return null;
        cells.push(cell + text.slice(i));
        return { cells: cells, closed: true, end: n, lines: lines };
      }
      if (stop === cr && stop + 1 === n && !final) return null;  // a "\n" may follow in the next chunk
      cells.push(cell + text.slice(i, stop));
      return { cells: cells, closed: true, end: stop + (stop === cr && text.charAt(stop + 1) === "\n" ? 2 : 1), lines: lines + 1 };
    }
  }

  function blank(cells) { return !cells.some(function (c) { return c.trim() !== ""; }); }

  // Reads text pushed in pieces; end() gives { problems, rows, counts }.
  function Reader(states, csv) {
    this.states = states; this.csv = csv; this.buf = ""; this.pos = 0; this.line = 1;
    this.sep = null; this.cols = null; this.best = {}; this.headLine = 1; this.rows = []; this.problem = null;
    var names = new Map(), handled = {}, done = {};
    states.forEach(function (s) {
      [s.label].concat(s.aliases || []).forEach(function (n) { names.set(squeeze(n), s.key); });
      handled[s.key] = !!s.handled;
    });
    (csv.refund_status_done || []).forEach(function (v) { done[squeeze(v)] = true; });
    this.names = names; this.handled = handled; this.done = done;
  }

  Reader.prototype.push = function (text, final) {
    if (this.problem) return;
    this.buf = (this.pos ? this.buf.slice(this.pos) : this.buf) + text;
    this.pos = 0; this.seen = unseen();
    if (this.line === 1 && this.buf.charAt(0) === "\uFEFF") this.buf = this.buf.slice(1);
    if (this.sep === null && !this.findHeader(final)) return this.bound();
    var csv = this.csv;
    for (;;) {
      var r = record(this.buf, this.pos, this.sep, final, this.seen);
      if (r === null) return this.bound();
      if (r.end === this.pos) return;
      if (r.end - this.pos > csv.max_line) return this.tooLong(this.line);
      var line = this.line;
      this.pos = r.end; this.line += r.lines;
      if (blank(r.cells)) continue;
      if (this.rows.length >= csv.max_rows) { this.problem = { line: line, code: "too_many", max: csv.max_rows }; return; }
      this.rows.push(this.row(line, r.cells, r.closed));
    }
  };

  // A record still open past the longest line an export has (no line end, an unclosed quote): stop there,
  // rather than hold the rest of the file in memory waiting for its end.
  Reader.prototype.bound = function () {
    if (!this.problem && this.buf.length - this.pos > this.csv.max_line) this.tooLong(this.line);
  };
  Reader.prototype.tooLong = function (line) { this.problem = { line: line, code: "line_too_long", max: this.csv.max_line }; };

  // The header is the first record that is not blank; the separator, the one that names both key columns.
  Reader.prototype.findHeader = function (final) {
    var best = {};
    for (var s = 0; s < SEPARATORS.length; s++) {
      var pos = 0, line = 1, r;
      for (;;) {
        r = record(this.buf, pos, SEPARATORS[s], final, unseen());
        if (r === null) return false;  // wait for more text
        if (r.end === pos) { this.problem = { line: 1, code: "empty" }; return false; }
        if (r.end - pos > this.csv.max_line) { this.tooLong(line); return false; }
        if (!blank(r.cells)) break;
        pos = r.end; line += r.lines;
      }
      var cols = columns(r.cells, this.csv);
      if (has(cols, "id") && has(cols, "state")) {
        this.sep = SEPARATORS[s]; this.cols = cols; this.headLine = line; this.pos = r.end; this.line = line + r.lines;
        return true;
      }
      if (Object.keys(cols).length > Object.keys(best).length) best = cols;
      this.headLine = line;
    }
    this.problem = { line: this.headLine, code: "no_columns", missing: ["id", "state"].filter(function (k) { return !has(best, k); }) };
    return false;
  };

  Reader.prototype.row = function (line, cells, closed) {
    var cols = this.cols;
    var cell = function (role) { return has(cols, role) && cols[role] < cells.length ? clean(cells[cols[role]]) : ""; };
    var row = { line: line, id: cell("id"), state_text: cell("state"), title: cell("title"), paid: cell("paid"), refund: cell("refund") };
    var reasons = [], state = this.names.get(squeeze(row.state_text));
    if (state === undefined) state = null;
    if (!closed) reasons.push({ code: "bad_quote" });
    if (!row.id) reasons.push({ code: "missing_id" });
    if (!row.state_text) reasons.push({ code: "missing_state" });
    else if (state === null) reasons.push({ code: "unknown_state", value: row.state_text });
    var refund = row.refund.replace(/,/g, "").replace(/^[\u00a5\uffe5]+/, "");
    if (refund && !AMOUNT.test(refund)) reasons.push({ code: "bad_amount", value: row.refund });
    else if (refund && Number(refund) > 0) reasons.push({ code: "refund_amount", value: row.refund });
    var refundStatus = cell("refund_status");
    if (refundStatus && !has(this.done, squeeze(refundStatus))) reasons.push({ code: "refund_status", value: refundStatus });
    if (reasons.length) { row.state = CHECK; row.kind = "check"; }
    else { row.state = state; row.kind = this.handled[state] ? "handled" : "open"; }
    row.reasons = reasons;
    return row;
  };

  Reader.prototype.end = function () {
    if (!this.problem) this.push("", true);
    if (!this.problem && this.sep === null) this.problem = { line: 1, code: "empty" };
    if (!this.problem && !this.rows.length) this.problem = { line: this.headLine, code: "no_rows" };
    if (this.problem) return result([this.problem], [], this.states);
    var cols = this.cols, refunds = has(cols, "refund") || has(cols, "refund_status");
    return result([], this.rows, this.states, refunds ? [] : this.csv.refund_states || []);
  };

  // unknown: the states the file cannot tell (a refund in progress, with no refund column): their counts are no answer.
  function result(problems, rows, states, unknown) {
    var counts = {};
    if (rows.length || !problems.length) states.forEach(function (s) { counts[s.key] = 0; });
    rows.forEach(function (r) { counts[r.state] = (counts[r.state] || 0) + 1; });
    var out = { problems: problems, rows: rows, counts: counts };
    if (!problems.length) out.unknown = unknown || [];
    return out;
  }

  function read(text, states, csv) {
    var reader = new Reader(states, csv);
    reader.push(text, true);
    return reader.end();
  }

  function readBytes(bytes, states, csv) {
    var text = decode(bytes);
    return text === null ? result([{ line: 1, code: "encoding" }], [], states) : read(text, states, csv);
  }

  // Let the page paint and answer taps between chunks (setTimeout would wait at least 4 ms each time).
  function pause() {
    return new Promise(function (resolve) {
      if (typeof MessageChannel === "undefined") return setTimeout(resolve, 0);
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { channel.port1.close(); resolve(); };
      channel.port2.postMessage(null);
    });
  }

  // A File, a Blob or bytes, read 1 MiB at a time: memory holds one chunk of text and the kept columns.
  function readFile(source, states, csv, chunkSize) {
    var step = chunkSize || CHUNK, size = source.size !== undefined ? source.size : source.length, BAD = {};
    var chunk = source.arrayBuffer
      ? function (a, b) { return source.slice(a, b).arrayBuffer().then(function (buf) { return new Uint8Array(buf); }); }
      : function (a, b) { return Promise.resolve(source.subarray(a, b)); };
    function attempt(encoding, s) {
      var decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }), reader = new Reader(states, csv);
      function text(bytes) {
        if (!s.fixed && bytes && bytes.indexOf(0) >= 0) throw BAD;  // binary, or UTF-16 without its BOM
        try { return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode(); } catch (e) { throw BAD; }
      }
      function from(at) {  // after a problem the rest is still decoded: a binary tail makes the file unreadable
        if (at >= size) { reader.push(text(null), false); return reader.end(); }
        return chunk(at, Math.min(size, at + step)).then(function (bytes) {
          reader.push(text(bytes), false);
          return pause().then(function () { return from(at + step); });
        });
      }
      return Promise.resolve(s.skip).then(from);
    }
    return chunk(0, Math.min(size, 3)).then(function (head) {
      var s = sniff(head), tries = s.fixed ? [s.encoding] : ["utf-8", "gbk"];
      function next(i) {
        if (i >= tries.length) return result([{ line: 1, code: "encoding" }], [], states);
        return attempt(tries[i], s).catch(function (e) { if (e === BAD) return next(i + 1); throw e; });
      }
      return next(0);
    });
  }

  return { decode: decode, read: read, readBytes: readBytes, readFile: readFile, CHECK: CHECK };
});
