// The one text rule (tests/vectors/text.json), also run by tests/test_text_rule.py: what an answer may hold,
// and how a file's text is shown.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const core = require(path.join(__dirname, "../../docs/assets/checklist-core.js"));
const vectors = require(path.join(__dirname, "../vectors/text.json"));

for (const c of vectors.cases) {
  test(c.name, () => {
    assert.equal(core.acceptable(c.text), c.acceptable);
    assert.equal(core.visible(c.text), c.visible);
  });
}

test("a name the rule refuses is no answer: the list waits for a real one", () => {
  const data = { fields: [{ key: "name", type: "text", required: true }], states: [] };
  for (const bad of ["%E2%80%8B%E2%80%8D", "%E5%BA%97%E2%80%AE", "%1B%5B2J", "%C2%A0"]) {
    assert.deepEqual(core.fromQuery("?name=" + bad, data), {}, bad);
  }
  assert.deepEqual(core.fromQuery("?name=%E5%BA%97", data), { name: "店" });
});
