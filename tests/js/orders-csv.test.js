// Reading an order CSV: encodings, quoting, header lookup, state names, errors with line numbers.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const csv = require(path.join(__dirname, "../../docs/assets/orders-csv.js"));

const STATES = [
  { key: "shipped", label: "已发货未签收", aliases: ["卖家已发货，等待买家确认"], handled: false },
  { key: "refunding", label: "退款中", aliases: [], handled: false },
  { key: "delivered", label: "已签收", aliases: ["交易成功"], handled: true },
];
const CSV = { id_headers: ["订单编号", "订单号"], status_headers: ["订单状态"], max_rows: 5000 };

test("reads ids and states from any column position", () => {
  const text = "买家,订单状态,订单编号\n张三,交易成功,1001\n李四,\"卖家已发货，等待买家确认\",1002\r\n王五,退款中,1003\n";
  const r = csv.readOrders(text, STATES, CSV);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.orders, [{ id: "1001", status: "delivered" }, { id: "1002", status: "shipped" }, { id: "1003", status: "refunding" }]);
});

test("quoted cells keep commas, quotes and newlines; the line count follows", () => {
  const text = "订单编号,订单状态,备注\n1,已签收,\"a, \"\"b\"\"\nc\"\n2,未知状态,x\n";
  const r = csv.readOrders(text, STATES, CSV);
  assert.deepEqual(r.errors, [{ line: 4, code: "unknown_state", value: "未知状态" }]);
  assert.deepEqual(r.orders, [], "a file with errors is rejected whole");
});

test("spreadsheet-style ids lose their text markers", () => {
  const r = csv.readOrders("订单编号,订单状态\n'2024110112345678,已签收\n=\"2024110187654321\",已签收\n", STATES, CSV);
  assert.deepEqual(r.orders.map((o) => o.id), ["2024110112345678", "2024110187654321"]);
});

test("errors name their line", () => {
  assert.deepEqual(csv.readOrders("编号,状态\n1,已签收\n", STATES, CSV).errors, [{ line: 1, code: "no_header" }]);
  assert.deepEqual(csv.readOrders("订单编号,订单状态\n,已签收\n", STATES, CSV).errors, [{ line: 2, code: "missing_id" }]);
  assert.deepEqual(csv.readOrders("订单编号,订单状态\n1,\"已签收\n", STATES, CSV).errors, [{ line: 2, code: "bad_quote" }]);
  assert.deepEqual(csv.readOrders("", STATES, CSV).errors, [{ line: 1, code: "empty" }]);
  assert.deepEqual(csv.readOrders("订单编号,订单状态\n", STATES, CSV).errors, [{ line: 1, code: "empty" }]);
  const many = "订单编号,订单状态\n" + "1,已签收\n".repeat(3);
  assert.deepEqual(csv.readOrders(many, STATES, { ...CSV, max_rows: 2 }).errors, [{ line: 4, code: "too_many" }]);
});

test("decodes UTF-8 with or without BOM, and GBK", () => {
  const text = "订单编号,订单状态\n1,已签收\n";
  const utf8 = new TextEncoder().encode(text);
  assert.equal(csv.decode(utf8), text);
  assert.equal(csv.decode(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])), text);
  // "订单编号,订单状态\n1,已签收\n" in GBK
  const gbk = Buffer.from("b6a9b5a5b1e0bac52cb6a9b5a5d7b4ccac0a312cd2d1c7a9cad50a", "hex");
  assert.equal(csv.decode(new Uint8Array(gbk)), text);
  assert.equal(csv.decode(new Uint8Array([0x81, 0x0a, 0xfe, 0x0a])), null);
});

test("5,000 rows parse quickly enough to stay responsive", () => {
  const rows = ["订单编号,订单状态,商品"];
  for (let i = 0; i < 5000; i++) rows.push(`${1000000 + i},${i % 3 ? "交易成功" : "退款中"},"商品, ${i}"`);
  const r = csv.readOrders(rows.join("\n"), STATES, CSV);
  assert.equal(r.orders.length, 5000);
  assert.equal(r.errors.length, 0);
});
