// The data files' one YAML style: the text Decap CMS writes when it saves an entry.
// This mirrors decap-cms-core's formats/yaml.ts (toFile) with the same `yaml` 1.x package:
// a fresh document from the parsed data, the top-level keys in the order of the CMS fields,
// and the schema modeline as the comment before the first field.
// Input (stdin, JSON): [{path, order: [key, ...], modeline}]. Output (stdout, JSON):
// {path: {text}} or {path: {error, line}} when a file does not parse.
'use strict';
const fs = require('fs');
const yaml = require('yaml');

function sortKeys(order) {
  return (a, b) => {
    const ia = order.indexOf(String(a.key)), ib = order.indexOf(String(b.key));
    if (ia === -1 || ib === -1) return 0;
    return ia - ib;
  };
}

function canonical(source, order, modeline) {
  const parsed = yaml.parseDocument(source, { prettyErrors: true });
  if (parsed.errors.length) {
    const error = parsed.errors[0];
    return { error: error.message, line: error.linePos ? error.linePos.start.line : 1 };
  }
  const contents = yaml.createNode(parsed.toJSON());
  if (contents && Array.isArray(contents.items)) {
    contents.items.sort(sortKeys(order));
    const first = contents.items.find(item => String(item.key) === order[0]);
    if (modeline && first) first.commentBefore = ' ' + modeline;
  }
  const doc = new yaml.Document();
  doc.contents = contents;
  let text = doc.toString();
  if (!text.endsWith('\n')) text += '\n';
  return { text };
}

const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = {};
for (const job of jobs) out[job.path] = canonical(fs.readFileSync(job.path, 'utf8'), job.order, job.modeline);
process.stdout.write(JSON.stringify(out));
