// The JavaScript evaluator runs the same vectors as macros/model/rules.py (tests/vectors/rules.json).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const core = require(path.join(__dirname, "../../docs/assets/checklist-core.js"));
const { cases } = require(path.join(__dirname, "../vectors/rules.json"));

for (const c of cases) {
  test(`vector: ${c.name}`, () => {
    assert.equal(core.evaluate(c.rule, c.profile), c.expected);
  });
}

test("malformed comparisons are refused", () => {
  for (const rule of [{ field: "team_size" }, { field: "team_size", gt: 1, lt: 5 }, { gt: 1 }]) {
    assert.throws(() => core.evaluate(rule, { team_size: 2 }));
  }
});

test("prototype keys are not profile fields", () => {
  assert.equal(core.evaluate({ field: "constructor", ne: null }, {}), true);
  assert.equal(core.evaluate({ field: "toString", eq: null }, {}), false);
  assert.equal(core.lookup({}, "__proto__"), core.MISSING);
});

test("the schema declares the operators and combinators this evaluator knows (Python: test_rules.py)", () => {
  const schema = require(path.join(__dirname, "../../macros/model/schemas/checklist.schema.json"));
  const declared = Object.keys(schema.$defs.rule.properties).filter((k) => k !== "field").sort();
  assert.deepEqual([...Object.keys(core.OPERATORS), ...Object.keys(core.COMBINATORS)].sort(), declared);
});
