/* The checklist item's rule (`when`) in the CMS form (make edit): no condition, one condition, or all/any of
   several, each a question, a comparison and a value picked from lists the config builds from the shop
   questions (tools/decap.py). A rule of any other shape (`not`, a rule inside a rule, a question the form does not
   know) is shown in words and never changed. Every word on screen comes from the config (data/editor.yml). */
(function () {
  "use strict";
  var OPS = { number: ["eq", "ne", "gt", "gte", "lt", "lte"], choice: ["eq", "ne", "in"] };

  function plain(value) {
    return value && typeof value.toJS === "function" ? value.toJS() : value;
  }

  function isMap(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // A comparison as a row of the form ({field, op, value}), or null when the form cannot show it.
  function toRow(rule, questions) {
    if (!isMap(rule) || typeof rule.field !== "string" || !questions[rule.field]) return null;
    var ops = Object.keys(rule).filter(function (key) { return key !== "field"; });
    var allowed = OPS[questions[rule.field].kind];
    return ops.length === 1 && allowed.indexOf(ops[0]) >= 0 ? { field: rule.field, op: ops[0], value: rule[ops[0]] } : null;
  }

  // The rule as the form holds it ({mode, rows}), or null for a shape the form cannot express.
  function parse(rule, questions) {
    if (rule === undefined || rule === null || (isMap(rule) && !Object.keys(rule).length)) return { mode: "all", rows: [] };
    if (!isMap(rule)) return null;
    if ("field" in rule) {
      var row = toRow(rule, questions);
      return row && { mode: "all", rows: [row] };
    }
    var keys = Object.keys(rule);
    if (keys.length !== 1 || (keys[0] !== "all" && keys[0] !== "any") || !Array.isArray(rule[keys[0]])) return null;
    var rows = rule[keys[0]].map(function (sub) { return toRow(sub, questions); });
    return rows.length && rows.every(Boolean) ? { mode: keys[0], rows: rows } : null;
  }

  function comparison(row) {
    var out = { field: row.field };
    out[row.op] = row.value;
    return out;
  }

  // What the file holds: nothing, the one comparison as it is, or all/any of the rows.
  function serialize(model) {
    if (!model.rows.length) return undefined;
    if (model.rows.length === 1) return comparison(model.rows[0]);
    var out = {};
    out[model.mode] = model.rows.map(comparison);
    return out;
  }

  // A value that fits a question and a comparison: the first option, a list of it for `in`, or 0.
  function fitted(question, op, value) {
    if (question.kind === "number") return typeof value === "number" ? value : 0;
    var values = question.options.map(function (option) { return option.value; });
    var one = Array.isArray(value) ? value[0] : value;
    one = values.indexOf(one) >= 0 ? one : values[0];
    if (op !== "in") return one;
    return Array.isArray(value) && value.length ? value.filter(function (v) { return values.indexOf(v) >= 0; }) : [one];
  }

  function newRow(question, op) {
    var first = op || OPS[question.kind][0];
    return { field: question.path, op: first, value: fitted(question, first) };
  }

  function optionLabel(question, value) {
    var found = (question.options || []).filter(function (option) { return option.value === value; })[0];
    return found ? found.label : String(value);
  }

  // A rule in words, for a shape the form cannot edit: a list of lists.
  function describe(rule, questions, words) {
    if (!isMap(rule)) return h("li", null, JSON.stringify(rule));
    var group = ["all", "any", "not"].filter(function (key) { return key in rule; })[0];
    if (group) {
      var inner = group === "not" ? [rule.not] : [].concat(rule[group]);
      return h("li", null, words[group], h("ul", null, inner.map(function (sub, i) {
        return h("span", { key: i }, describe(sub, questions, words));
      })));
    }
    var question = questions[rule.field] || { label: String(rule.field), options: [] };
    var op = Object.keys(rule).filter(function (key) { return key !== "field"; })[0];
    var values = [].concat(rule[op]).map(function (v) { return fill(words.listed, { value: optionLabel(question, v) }); });
    return h("li", null, fill(words.said, { question: question.label, op: words[op] || op, values: values.join("") }));
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function select(label, value, options, onChange) {
    return h("label", { className: "rule-pick" }, h("span", null, label),
      h("select", { value: String(value), onChange: function (e) { onChange(Number(e.target.value)); } },
        options.map(function (option, i) { return h("option", { key: i, value: String(i) }, option); })));
  }

  var RuleControl = createClass({
    getInitialState: function () {
      return { mode: null };
    },
    config: function () {
      var field = this.props.field;
      var list = plain(field.get("questions")) || [];
      var byPath = {};
      list.forEach(function (question) { byPath[question.path] = question; });
      return { list: list, byPath: byPath, words: plain(field.get("words")) || {} };
    },
    model: function (config) {
      var model = parse(plain(this.props.value), config.byPath);
      if (model && this.state.mode) model.mode = this.state.mode;
      return model;
    },
    change: function (model) {
      this.setState({ mode: model.mode });
      this.props.onChange(serialize(model));
    },
    withRow: function (model, index, row) {
      var rows = model.rows.slice();
      if (row) rows[index] = row; else rows.splice(index, 1);
      return { mode: model.mode, rows: rows };
    },
    valueControl: function (config, model, index) {
      var self = this, row = model.rows[index], question = config.byPath[row.field], words = config.words;
      var set = function (value) { self.change(self.withRow(model, index, { field: row.field, op: row.op, value: value })); };
      if (question.kind === "number") {
        return h("label", { className: "rule-pick" }, h("span", null, words.value), h("input", {
          type: "number", min: 0, step: 1, value: String(row.value),
          onChange: function (e) { var n = Number(e.target.value); set(e.target.value !== "" && Number.isInteger(n) ? n : e.target.value); },
        }));
      }
      if (row.op !== "in") {
        var values = question.options.map(function (option) { return option.value; });
        return select(words.value, values.indexOf(row.value), question.options.map(function (o) { return o.label; }),
          function (i) { set(values[i]); });
      }
      return h("fieldset", { className: "rule-pick" }, h("legend", null, words.value), question.options.map(function (option, i) {
        var ticked = row.value.indexOf(option.value) >= 0;
        return h("label", { key: i }, h("input", { type: "checkbox", checked: ticked, onChange: function () {
          set(ticked ? row.value.filter(function (v) { return v !== option.value; }) : row.value.concat([option.value]));
        } }), option.label);
      }));
    },
    rowControl: function (config, model, index) {
      var self = this, row = model.rows[index], words = config.words, question = config.byPath[row.field];
      var ops = OPS[question.kind];
      return h("div", { key: index, className: "rule-row", "data-row": index },
        select(words.question, config.list.indexOf(question), config.list.map(function (q) { return q.label; }), function (i) {
          self.change(self.withRow(model, index, newRow(config.list[i])));
        }),
        select(words.op, ops.indexOf(row.op), ops.map(function (op) { return words[op]; }), function (i) {
          self.change(self.withRow(model, index, { field: row.field, op: ops[i], value: fitted(question, ops[i], row.value) }));
        }),
        this.valueControl(config, model, index),
        h("button", { type: "button", onClick: function () { self.change(self.withRow(model, index, null)); } }, words.remove));
    },
    render: function () {
      var self = this, config = this.config(), words = config.words, model = this.model(config);
      var props = { id: this.props.forID, className: this.props.classNameWrapper + " rule-widget" };
      if (!model) {
        return h("div", props, h("p", null, words.other), h("ul", null, describe(plain(this.props.value), config.byPath, words)));
      }
      var modes = ["all", "any"];
      return h("div", props,
        model.rows.length ? null : h("p", null, words.every),
        model.rows.length > 1 ? select(words.combine, modes.indexOf(model.mode), modes.map(function (m) { return words[m]; }),
          function (i) { self.change({ mode: modes[i], rows: model.rows }); }) : null,
        model.rows.map(function (row, i) { return self.rowControl(config, model, i); }),
        h("button", { type: "button", onClick: function () {
          self.change({ mode: model.mode, rows: model.rows.concat([newRow(config.list[0])]) });
        } }, words.add));
    },
  });

  var RulePreview = createClass({
    render: function () {
      return h("pre", null, JSON.stringify(plain(this.props.value) || null));
    },
  });

  CMS.registerWidget("rule", RuleControl, RulePreview);
})();
