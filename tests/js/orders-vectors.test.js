// The shared order-export vectors (tests/vectors/orders.json), also run by tests/test_orders.py.
// Each case is read twice: all at once, and in chunks (the way the page reads a file).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const csv = require(path.join(__dirname, "../../docs/assets/orders-csv.js"));
const vectors = require(path.join(__dirname, "../vectors/orders.json"));

for (const c of vectors.cases) {
  const config = Object.assign({}, vectors.csv, c.csv || {});
  const bytes = c.base64 !== undefined ? new Uint8Array(Buffer.from(c.base64, "base64")) : new TextEncoder().encode(c.text);
  test(c.name, async () => {
    const whole = c.base64 !== undefined ? csv.readBytes(bytes, vectors.states, config) : csv.read(c.text, vectors.states, config);
    assert.deepEqual(whole, c.expected);
    for (const size of [undefined, 1, 2, 3, 5]) {  // tiny chunks cut "\r\n", quotes and GBK characters in two
      assert.deepEqual(await csv.readFile(bytes, vectors.states, config, size), c.expected, `read in chunks of ${size || "1 MiB"}`);
    }
  });
}
