// An order export for /checklist/ (fetched on first use, after orders-csv.js), read on this device only.
// It returns what the file says; the page (checklist-app.js) decides what to show and which counts to use:
// the file's counts fill the form unless the seller typed other counts, and then the seller chooses.
(function () {
  "use strict";

  // A file the seller picked, or text pasted from a spreadsheet: a promise of OrderCsv's result.
  function read(source, data) {
    var csv = window.OrderCsv;
    return typeof source === "string" ? Promise.resolve(csv.read(source, data.states, data.csv)) : csv.readFile(source, data.states, data.csv);
  }

  // The file's rows in a line: how many, and how many are handled, open or to be checked; then the states the
  // file cannot tell (no refund column), which keep the seller's counts.
  function summary(result, data, fill) {
    var kinds = { handled: 0, open: 0, check: 0 }, unknown = result.unknown || [];
    result.rows.forEach(function (r) { kinds[r.kind]++; });
    var text = fill(data.app.csv_loaded, { rows: result.rows.length, check: kinds.check, open: kinds.open, handled: kinds.handled });
    var labels = data.states.filter(function (s) { return unknown.indexOf(s.key) >= 0; }).map(function (s) { return s.label; });
    return labels.length ? text + " " + fill(data.app.csv_unknown, { states: labels.join(data.ui.list_separator) }) : text;
  }

  // The counts the seller typed that the file contradicts (typed: { asked, counts: state -> number }): none
  // when the question was not asked or every typed count is 0, since then nothing of the seller's is lost.
  function differences(result, data, typed) {
    var mine = typed.asked && Object.keys(typed.counts).some(function (k) { return typed.counts[k] > 0; });
    if (!mine) return [];
    var unknown = result.unknown || [];  // never offered as a replacement: the file does not know them
    return data.states.filter(function (s) {
      return s.key in typed.counts && unknown.indexOf(s.key) < 0 && typed.counts[s.key] !== (result.counts[s.key] || 0);
    })
      .map(function (s) { return { label: s.label, typed: typed.counts[s.key], file: result.counts[s.key] || 0 }; });
  }

  // Under each count the file gives, the lines it came from (the first eight, then how many more).
  function lineNotes(result, data, fill) {
    var lines = {}, notes = {}, app = data.app;
    result.rows.forEach(function (r) { (lines[r.state] = lines[r.state] || []).push(r.line); });
    data.states.forEach(function (s) {
      var from = lines[s.key] || [];
      if ((result.unknown || []).indexOf(s.key) >= 0) return (notes[s.key] = app.csv_unknown_note);
      notes[s.key] = from.length ? fill(app.csv_rows_from, { lines: from.slice(0, 8).join(data.ui.list_separator) +
        (from.length > 8 ? fill(app.csv_more_lines, { count: from.length - 8 }) : "") }) : "";
    });
    return notes;
  }

  window.OrderChecklistImport = { read: read, summary: summary, differences: differences, lineNotes: lineNotes };
})();
