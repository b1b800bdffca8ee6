"""Read the YAML files under data/, and find the line of a value when a problem is reported."""
from __future__ import annotations

import dataclasses
import os
import stat
import re
from pathlib import Path
from typing import Any, Iterable

import yaml

from .problems import Problem
from .text import FORBIDDEN, escaped, forbidden

# libyaml where PyYAML was built with it; the pure-Python loader otherwise (same values).
_FastBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
_TAG = "tag:yaml.org,2002:"
# What an editor writes: mappings, lists, strings, whole numbers, true/false, null (and decimals for
# search weights). YAML 1.1's other forms read as surprises: 010 as 8, 1:30 as 90.
_PLAIN = {"int": re.compile(r"-?(0|[1-9][0-9]{0,14})"), "float": re.compile(r"-?[0-9]{1,9}\.[0-9]{1,9}"),
          "bool": None, "null": re.compile(r"null|~|"), "str": None}


class Refused(yaml.MarkedYAMLError):
    """A YAML form the data files do not accept: `code` names the message, `found` what was written."""

    def __init__(self, code: str, found: str, mark):
        super().__init__(problem=code, problem_mark=mark)
        self.code, self.found = code, found


def _yaml_12_scalars(resolvers: dict) -> dict:
    # Dates such as 2026-11-26 stay strings so that every schema sees one type, and yes/no/on/off are
    # words as in YAML 1.2, which is what the CMS writes (it saves the answer "yes" without quotes).
    out = {first: [(tag, regexp) for tag, regexp in entries if tag not in (_TIMESTAMP, _TAG + "bool")]
           for first, entries in resolvers.items()}
    for first in "tf":
        out[first] = out.get(first, []) + [(_TAG + "bool", re.compile(r"^(?:true|false)$"))]
    return out


class DataLoader(_FastBase):  # type: ignore[misc, valid-type]
    """Safe loader that keeps dates as strings and records duplicate mapping keys with their lines."""

    yaml_implicit_resolvers = _yaml_12_scalars(_FastBase.yaml_implicit_resolvers)

    def __init__(self, stream):
        super().__init__(stream)
        self.text = stream
        self.duplicates: list[tuple[str, int]] = []

    def construct_object(self, node, deep=False):
        # A node met a second time is an alias (*name): refused at once, before it can multiply.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise Refused("yaml_alias", "*", node.start_mark)
        kind = node.tag.removeprefix(_TAG)
        if isinstance(node, yaml.ScalarNode):
            bad = forbidden(node.value)  # a key or a value: the one text rule (model/text.py)
            if bad:
                raise Refused("bad_chars", escaped(bad), node.start_mark)
            if kind not in _PLAIN:
                raise Refused("yaml_tag", "!!" + kind if node.tag.startswith(_TAG) else node.tag, node.start_mark)
            if _PLAIN[kind] and not _PLAIN[kind].fullmatch(node.value):
                raise Refused(f"yaml_{kind}", node.value, node.start_mark)
        elif kind not in ("map", "seq"):
            raise Refused("yaml_tag", "!!" + kind if node.tag.startswith(_TAG) else node.tag, node.start_mark)
        return super().construct_object(node, deep=deep)

    def flatten_mapping(self, node):
        for key_node, _ in node.value:
            if key_node.tag == _TAG + "merge":
                raise Refused("yaml_tag", "<<", key_node.start_mark)
        super().flatten_mapping(node)

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):  # fewer keys than entries: some key came twice
            seen: set = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        self.duplicates.append((key_node.value, line_at(self.text, key_node.start_mark)))
                    seen.add(key_node.value)
        return mapping


@dataclasses.dataclass
class Document:
    """One data file: where it is, its text and what it holds (None when unreadable)."""

    path: Path
    rel: str
    text: str = ""
    data: Any = None
    problems: list[Problem] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line_of(self, path: Iterable, key: bool = False) -> int:
        """Only called to report a problem: the node tree is composed once, on first need."""
        if not hasattr(self, "_node"):
            try:  # the node tree, with lines; composing runs no constructor, so nothing is refused here
                self._node = yaml.compose(self.text, Loader=DataLoader)
            except (yaml.YAMLError, RecursionError):
                self._node = None
        mark = locate_in(self._node, list(path), key=key)
        return line_at(self.text, mark) if mark else 1


def parse_text(text: str, rel: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; return the data and the problems found while reading it."""
    bad = FORBIDDEN.search(text)  # as written: YAML would read U+2028 as a line break and ESC as an error in English
    if bad:
        return None, [Problem(rel, text.count("\n", 0, bad.start()) + 1, "", "bad_chars", {"found": escaped(bad.group(0))})]
    loader = DataLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        if isinstance(err, Refused):
            return None, [Problem(rel, line_at(text, err.problem_mark), "", err.code, {"found": err.found})]
        return None, [syntax_problem(text, rel, err)]
    except yaml.YAMLError as err:  # e.g. a reader error on control characters
        line = text.count("\n", 0, getattr(err, "position", None) or 0) + 1
        return None, [Problem(rel, line, "", "yaml_syntax", {"line": line, "column": 1})]
    except RecursionError:
        return None, [Problem(rel, 1, "", "too_deep", {"limit": MAX_DEPTH})]
    finally:
        loader.dispose()
    if _too_deep(data):
        return None, [Problem(rel, 1, "", "too_deep", {"limit": MAX_DEPTH})]
    problems = [
        Problem(rel, line, key, "duplicate_key", {"key": key}) for key, line in sorted(loader.duplicates, key=lambda d: (d[1], d[0]))
    ]
    if data is None:
        problems.append(Problem(rel, 1, "", "empty_file", {}))
    return data, problems


def _too_deep(value: Any, depth: int = 0) -> bool:
    if depth > MAX_DEPTH:
        return True
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return any(_too_deep(item, depth + 1) for item in items)


def read_bytes(path: Path, limit: int) -> tuple[bytes, tuple[str, dict] | None]:
    """The bytes of a regular file, never more than `limit`: a FIFO or a device is not read. Else (code, args)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            os.close(handle)
            return b"", ("not_a_file", {})
        with os.fdopen(handle, "rb") as stream:
            raw = stream.read(limit + 1)  # buffered: reads on until limit + 1 bytes or the end
    except OSError as err:
        return b"", ("unreadable", {"reason": err.strerror or type(err).__name__})
    return (b"", ("too_large", {"limit": limit // 1024})) if len(raw) > limit else (raw, None)


def read_document(path: Path, root: Path | None = None, rel: str | None = None) -> Document:
    """Read one file; `rel` is how messages name it (default: its path below root)."""
    rel = rel or path.relative_to(root).as_posix()
    doc = Document(path=path, rel=rel)
    raw, problem = read_bytes(path, MAX_FILE_BYTES)
    if problem:
        doc.problems.append(Problem(rel, 1, "", *problem))
        return doc
    try:
        doc.text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        doc.problems.append(Problem(rel, line, "", "not_utf8", {}))
        return doc
    doc.data, doc.problems = parse_text(doc.text, rel)
    return doc


# The parser's words (libyaml's or PyYAML's) for the common slips, and the message that says how to mend each.
SLIPS = (("quoted scalar", "yaml_quote"), ("flow ", "yaml_bracket"), ("mapping values are not allowed", "yaml_colon"),
         ("expected key", "yaml_indent"), ("expected '-'", "yaml_indent"), ("expected <block end>", "yaml_indent"))
STEP_IN = re.compile(r"^ *(?:- +)*")  # where a line's content starts: after its indent and any `- ` item marks


def syntax_problem(text: str, rel: str, err: yaml.MarkedYAMLError) -> Problem:
    """A parse error in Chinese, at the line to mend: where a quote or bracket opened; for a line the parser read as
    the text above it continued (`-term:`, one space too many), the message names that line too."""
    said = f"{err.context} {err.problem}"
    code = next((code for words, code in SLIPS if words in said), "yaml_syntax")
    mark = err.context_mark if code in ("yaml_quote", "yaml_bracket") and err.context_mark else err.problem_mark
    if mark is None:
        return Problem(rel, 1, "", "yaml_syntax", {"line": 1, "column": 1})
    line, lines = line_at(text, mark), text.split("\n")
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()), 0)
    step_in = lambda n: len(STEP_IN.match(lines[n - 1]).group(0))  # noqa: E731
    if "\t" in lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip())]:
        code = "yaml_tab"
    elif code == "yaml_colon" and above and not lines[above - 1].rstrip().endswith(":") and (
            step_in(line) > step_in(above) or ": " not in lines[above - 1][step_in(above):]):  # the line above is all text
        code = "yaml_continued"
    return Problem(rel, line, "", code, {"line": line, "column": mark.column + 1, "above": above})


def line_at(text: str, mark) -> int:
    """The line an editor sees: YAML also counts U+0085, U+2028 and U+2029 as line breaks, an editor does not."""
    return text.count("\n", 0, mark.index) + 1


def locate_in(node, path: list, key: bool = False):
    """The mark of the node at `path`; of the deepest existing ancestor when it is missing (None without a tree)."""
    if node is None:
        return None
    mark = node.start_mark
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(step)), None)
            if match is None:
                return mark
            key_node, node = match
            mark = key_node.start_mark
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            mark = node.start_mark
        else:
            return mark
    return mark if key else node.start_mark


def data_files(root: Path) -> list[Path]:
    """Every entry under data/ named like a YAML file (folders and odd files too: they get a message)."""
    return sorted(p for p in (root / "data").rglob("*") if p.suffix.lower() in (".yml", ".yaml"))


@dataclasses.dataclass(eq=False)
class DataSet:
    """Every data file of a site, keyed by its path relative to the site root."""

    root: Path
    docs: dict[str, Document]

    def get(self, rel: str) -> Any:
        doc = self.docs.get(rel)
        return doc.data if doc is not None and doc.ok else None

    def under(self, folder: str) -> list[Document]:
        prefix = folder.rstrip("/") + "/"
        return [doc for rel, doc in self.docs.items() if rel.startswith(prefix)]


def load_dataset(root: str | os.PathLike) -> DataSet:
    """Read every data file under root/data."""
    root = Path(root).resolve()
    docs = {}
    for path in data_files(root):
        rel = path.relative_to(root).as_posix()
        if root not in path.resolve().parents:  # a link out of the project is never read: a message would quote it
            docs[rel] = Document(path, rel, problems=[Problem(rel, 1, "", "link_outside", {})])
        elif path.suffix != ".yml":  # x.yaml or x.YML beside (or instead of) x.yml: one name, or one is ignored
            docs[rel] = Document(path, rel, problems=[Problem(rel, 1, "", "yml_suffix", {"name": path.stem + ".yml"})])
        else:
            docs[rel] = read_document(path, root)
    for folder in [root / "data", *(p for p in (root / "data").rglob("*") if p.is_dir())]:
        if folder.is_symlink():  # never followed: what it holds would be read from outside data/
            rel = folder.relative_to(root).as_posix()
            docs[rel] = Document(folder, rel, problems=[Problem(rel, 1, "", "folder_link", {})])
        elif not os.access(folder, os.R_OK | os.X_OK):
            rel = folder.relative_to(root).as_posix()
            docs[rel] = Document(folder, rel, problems=[Problem(rel, 1, "", "unreadable", {"reason": "permission denied"})])
    return DataSet(root=root, docs=docs)
