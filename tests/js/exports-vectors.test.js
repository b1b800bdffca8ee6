// The shared export vectors (tests/vectors/exports.json), also run by tests/test_checklist_vectors.py: an export's
// counts applied to the answers, and a file problem in the page's words.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const core = require(path.join(__dirname, "../../docs/assets/checklist-core.js"));
const vectors = require(path.join(__dirname, "../vectors/exports.json"));

for (const c of vectors.exports) {
  test(`export: ${c.name}`, () => {
    assert.deepEqual(core.applyExport(vectors.spec, c.shop, { counts: c.counts, rows: [], unknown: c.unknown || [] }), c.expected);
  });
}

for (const c of vectors.problems) {
  test(`problem: ${c.name}`, () => assert.equal(core.csvProblem(c.problem, vectors.spec), c.expected));
}
