// The data files' one YAML style: the text Decap CMS writes when it saves an entry.
// This mirrors what decap-cms-core does on save, with the same packages: the entry's data goes through
// Immutable (fromJS, then toJS: a map of more than 8 keys comes back in Immutable's hash order), then
// formats/yaml.ts (toFile) with `yaml` 1.x: a fresh document, top-level keys in the order of the CMS
// fields. The CMS writes no comments in a file collection, so the schema mapping lives in .vscode/.
// Input (stdin, JSON): [{path, order: [key, ...]}]. Output (stdout, JSON):
// {path: {text}} or {path: {error, line}} when a file does not parse.
'use strict';
const fs = require('fs');
const yaml = require('yaml');
const { fromJS } = require('immutable');

function sortKeys(order) {
  return (a, b) => {
    const ia = order.indexOf(String(a.key)), ib = order.indexOf(String(b.key));
    if (ia === -1 || ib === -1) return 0;
    return ia - ib;
  };
}

function canonical(source, order) {
  const parsed = yaml.parseDocument(source, { prettyErrors: true });
  if (parsed.errors.length) {
    const error = parsed.errors[0];
    return { error: error.message, line: error.linePos ? error.linePos.start.line : 1 };
  }
  const contents = yaml.createNode(fromJS(parsed.toJSON()).toJS());
  if (contents && Array.isArray(contents.items)) {
    contents.items.sort(sortKeys(order));
  }
  const doc = new yaml.Document();
  doc.contents = contents;
  let text = doc.toString();
  if (!text.endsWith('\n')) text += '\n';
  return { text };
}

const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = {};
for (const job of jobs) out[job.path] = canonical(fs.readFileSync(job.path, 'utf8'), job.order);
process.stdout.write(JSON.stringify(out));
