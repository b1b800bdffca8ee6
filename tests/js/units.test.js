// Units small enough to hold in one's head: every script of the site at most 300 lines, every function in it
// at most 60. A function's lines are its own: a function inside it counts on its own, not twice (a module's
// wrapper is then the lines between its functions).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const acorn = require("acorn");
// Each function with the functions directly inside it.
function functions(node, outer, found) {
  let here = outer;
  if (/Function/.test(node.type)) {
    here = { node, inner: [] };
    if (outer) outer.inner.push(here);
    found.push(here);
  }
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child.type === "string") functions(child, here, found);
  }
  return found;
}
const span = (node) => node.loc.end.line - node.loc.start.line + 1;

const ASSETS = path.join(__dirname, "../../docs/assets");
const scripts = fs.readdirSync(ASSETS).filter((name) => name.endsWith(".js"));

function longFunctions(source) {
  return functions(acorn.parse(source, { ecmaVersion: 2022, locations: true }), null, [])
    .map((f) => [f.node.loc.start.line, span(f.node) - f.inner.reduce((sum, g) => sum + span(g.node), 0)])
    .filter(([, own]) => own > 60).map(([line, own]) => `line ${line}: ${own} lines of its own`);
}

for (const name of scripts) {
  test(`${name}: at most 300 lines, no function over 60`, () => {
    const source = fs.readFileSync(path.join(ASSETS, name), "utf8");
    assert.ok(source.split("\n").length - 1 <= 300, `${name} has ${source.split("\n").length - 1} lines`);
    assert.deepEqual(longFunctions(source), []);
  });
}

test("the measure sees a long function, and not a short one holding a long one twice (control)", () => {
  const long = "function f() {\n" + "  x();\n".repeat(60) + "}\n";
  assert.deepEqual(longFunctions(long), ["line 1: 62 lines of its own"]);
  assert.deepEqual(longFunctions("(function () {\n" + long + "})();\n"), ["line 2: 62 lines of its own"]);
});
