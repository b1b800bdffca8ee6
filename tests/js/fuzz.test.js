// Fuzzing the two parsers that read what a stranger controls: the share link and an order file.
// The property: no exception, every value that comes out fits its question, every problem has a line.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fc = require("fast-check");
const core = require(path.join(__dirname, "../../docs/assets/checklist-core.js"));
const csv = require(path.join(__dirname, "../../docs/assets/orders-csv.js"));

// Runs per property: 300 in every test run; FUZZ_RUNS is the one knob for a longer hunt (make hunt sets 9,000).
const RUNS = Number(process.env.FUZZ_RUNS || 300);
// The shared test profile, with states that carry the export's names and the to-check state.
const DATA = Object.assign({}, require(path.join(__dirname, "data.js")), { states: [
  { key: "shipped", label: "已发货未签收", aliases: ["卖家已发货，等待买家确认"], handled: false },
  { key: "refunding", label: "退款中", aliases: [], handled: false },
  { key: "delivered", label: "已签收", aliases: ["交易成功"], handled: true },
  { key: "needs_check", label: "需人工核对", handled: false },
] });
const CSV = { id_headers: ["订单编号", "订单号"], state_headers: ["订单状态"], refund_amount_headers: ["退款金额"], max_rows: 5000, max_line: 5000 };

// Hostile pieces: markup, control characters, huge and odd numbers, prototype keys, separators.
const NASTY = ["<img src=x onerror=alert(1)>", "\n- [x] fake", "\u0000", "\u2028", "\ufeff", "__proto__", "constructor",
  "9".repeat(400), "-1", "1e3", "0x10", "1.5", " 3 ", "Infinity", "NaN", "%", "%zz", "&", "=", "\"", ",", ";", "\t", "\r", "\r\n",
  "=\"123\"", "'123", "订单编号", "订单状态", "交易成功", "退款中", "low", "true", "1", "0"];
const piece = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.integer({ min: -1e6, max: 1e13 }).map(String), fc.nat(20000).map(String));
const keys = fc.constantFrom("name", "team_size", "buyer_reliance", "plans_to_reopen", "orders.shipped", "orders.refunding",
  "orders.delivered", "orders.__proto__", "order_list", "__proto__", "x");

function fits(field, value) {
  if (field.type === "text") return typeof value === "string" && value.trim() === value && value.length >= 1 && value.length <= (field.max || 100);
  if (field.type === "integer") return Number.isSafeInteger(value) && value >= (field.min || 0) && value <= field.max;
  if (field.type === "choice") return field.options.some((o) => o.value === value);
  if (field.type === "boolean") return typeof value === "boolean";
  return false;
}

test("share link: any query gives only answers that fit, and a link that reads back the same", () => {
  const query = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(fc.tuple(keys, piece), { maxLength: 10 }).map((pairs) => pairs.map(([k, v]) => k + "=" + v).join("&")),
    fc.array(fc.tuple(keys, piece), { maxLength: 10 }).map((pairs) => new URLSearchParams(pairs).toString()),
  );
  fc.assert(fc.property(query, (q) => {
    const shop = core.fromQuery(q, DATA);
    assert.equal(Object.getPrototypeOf(shop), Object.prototype);
    for (const [key, value] of Object.entries(shop)) {
      const field = DATA.fields.find((f) => f.key === key);
      assert.ok(field, `unknown key ${key}`);
      if (field.type === "order_counts") {
        for (const [state, n] of Object.entries(value)) {
          assert.ok(DATA.states.some((s) => s.key === state), state);
          assert.ok(Number.isSafeInteger(n) && n >= 0 && n <= field.max, `${state}=${n}`);
        }
      } else {
        assert.ok(fits(field, value), `${key}=${JSON.stringify(value)}`);
      }
    }
    const again = core.fromQuery(core.toQuery(core.normalize(shop, DATA), DATA), DATA);
    assert.deepEqual(core.normalize(again, DATA), core.normalize(shop, DATA));
  }), { numRuns: RUNS });
});

test("order file: any text is read without an exception; every row and problem has a line inside the file", async () => {
  const cell = fc.oneof(piece, fc.constantFrom("1001", "=\"20241101123456789012\"", "已签收", "交易成功", "退款中", "12.50", "\"a,b\"", "\"\""));
  const row = fc.array(cell, { minLength: 1, maxLength: 5 });
  const sep = fc.constantFrom(",", "\t", ";");
  const end = fc.constantFrom("\n", "\r\n", "\r");
  const table = fc.tuple(fc.array(row, { maxLength: 12 }), sep, end, fc.boolean()).map(([rows, s, e, header]) =>
    (header ? ["订单编号", "订单状态", "退款金额"].join(s) + e : "") + rows.map((r) => r.join(s)).join(e));
  await fc.assert(fc.asyncProperty(fc.oneof(table, fc.string({ maxLength: 300 })), fc.integer({ min: 1, max: 7 }), async (text, size) => {
    const result = csv.read(text, DATA.states, CSV);
    const lines = text.split(/\r\n|\r|\n/).length;
    for (const item of result.problems.concat(result.rows)) {
      assert.ok(Number.isInteger(item.line) && item.line >= 1 && item.line <= lines, JSON.stringify(item));
    }
    assert.ok(result.problems.length === 0 || result.rows.length === 0, "a file problem keeps no rows");
    for (const row of result.rows) {
      assert.equal(typeof row.id, "string");
      assert.ok(["handled", "open", "check"].includes(row.kind), row.kind);
      assert.ok(row.kind === "check" ? row.reasons.length > 0 && row.state === csv.CHECK : row.reasons.length === 0, JSON.stringify(row));
    }
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    assert.equal(total, result.rows.length, "every row is counted once");
    const bytes = new TextEncoder().encode(text);
    assert.deepEqual(await csv.readFile(bytes, DATA.states, CSV, size), csv.readBytes(bytes, DATA.states, CSV), "chunks change nothing");
  }), { numRuns: RUNS });
});

test("order file bytes: any bytes decode to text, or to null (the page then says the encoding is unknown)", async () => {
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
    const text = csv.decode(bytes);
    const whole = csv.readBytes(bytes, DATA.states, CSV);
    if (text === null) assert.equal(whole.problems[0].code, "encoding", "an undecodable file gets the encoding message");
    else assert.deepEqual(whole, csv.read(text, DATA.states, CSV), "decoded bytes read as their text does");
    assert.deepEqual(await csv.readFile(bytes, DATA.states, CSV, 3), whole);
  }), { numRuns: RUNS });
});
