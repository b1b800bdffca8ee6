"""Turn validated data into the Markdown (and small HTML fragments) of the site's pages."""
from __future__ import annotations

import html as entities
import re
from dataclasses import dataclass

from . import markup
from ..model.content import Content

# What Python-Markdown (with the site's extensions) reads as markup and lets a backslash escape; `<` and `&`
# become entities. Nothing else gets a backslash: Python-Markdown would leave it in the page (`\=`, `\~`).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")
# What Python-Markdown would read as markup inside an attribute's text: kept as character references there.
_ATTRIBUTE_MARKUP = re.compile(r"[\\`*_\[\](){}!#|~=+-]")
# What opens a block at the start of the text: a list, a quote, a numbered item, a details block (`???`,
# where `?` takes no backslash: a character reference instead).
_MD_LEADING = re.compile(r"^[ \t]*(?:(\d+)\.|([-+>])|(\?))")


def md_escape(text: str) -> str:
    """Plain text to Markdown that shows exactly that text, as one paragraph: a newline opens no block."""
    out = _MD_SPECIAL.sub(r"\\\1", entities.escape(" ".join(text.split("\n")).strip(), quote=False))
    return _MD_LEADING.sub(lambda m: f"{m.group(1)}\\." if m.group(1) else f"\\{m.group(2)}" if m.group(2) else "&#63;", out)


def admonition_title(text: str) -> str:
    """An admonition's quoted title (one line already: the schemas' `line`) with no double quote to end it early."""
    return text.replace('"', "'")


@dataclass(frozen=True)
class Table:
    """A rendered table: a caption, column titles and rows of ready cells."""

    caption: str
    headers: list[str]
    rows: list[list[str]]


class Renderer:
    """Renders pages from a Content view. `prefix` is the path from the current page to docs/."""

    def __init__(self, content: Content):
        self.content = content
        self.titles = content.anchors()  # every linkable ref and its title, looked up on every link
        terms = content.terms()
        self._terms = terms
        words = sorted(terms, key=len, reverse=True)
        self._term_re = re.compile("|".join(re.escape(w) for w in words)) if words else None

    # -- inline ----------------------------------------------------------------
    def text(self, value: str, markdown: bool = True) -> str:
        """Escape editor text and mark glossary terms as <abbr> tooltips."""
        escaped = md_escape(value) if markdown else entities.escape(value, quote=False)
        if self._term_re is None:
            return escaped

        def tip(match: re.Match) -> str:
            title = entities.escape(" ".join(self._terms[match.group(0)].split()), quote=True)  # one line: a table row stays one row
            # Python-Markdown reads links and emphasis before it sets inline HTML aside: inside the attribute too.
            title = _ATTRIBUTE_MARKUP.sub(lambda m: f"&#{ord(m.group(0))};", title)
            return f'<abbr title="{title}">{match.group(0)}</abbr>'

        return self._term_re.sub(tip, escaped)

    def title(self, ref: str) -> str:
        return self.titles.get(ref, ref)

    def pair(self, term: str, text: str) -> str:
        """`term: text` with the punctuation of data/messages.yml; both sides are Markdown already."""
        return self.content.ui("pair", term=term, text=text)

    def plain(self, value: str) -> str:
        return md_escape(value)

    @staticmethod
    def target(ref: str, prefix: str = "") -> str:
        page, _, anchor = ref.partition("#")
        return f"{prefix}{page}.md" + (f"#{anchor}" if anchor else "")

    def link(self, ref: str, prefix: str = "", label: str | None = None) -> str:
        title = label if label is not None else self.title(ref)
        return f"[{md_escape(title)}]({self.target(ref, prefix)})"

    # -- blocks ----------------------------------------------------------------
    def table(self, table: Table) -> str:
        def row(cells: list[str]) -> str:
            return "| " + " | ".join(cells) + " |"

        lines = [self.plain(self.content.ui("table_caption", caption=table.caption)),
                 "{: .table-caption }", "",
                 row([self.plain(h) for h in table.headers]),
                 row(["---"] * len(table.headers))]
        lines += [row(cells) for cells in table.rows]
        return "\n".join(lines)

    def data_table(self, table_id: str) -> Table:
        spec, states = self.content.tables[table_id], self.content.states

        def cell(row: dict, col: dict) -> str:
            if col.get("type") == "handled":  # worked out from the state column it names
                return self.plain(self.content.ui("handled_yes" if states[row[col["from"]]]["handled"] else "handled_no"))
            return self.plain(states[row[col["key"]]]["label"]) if col.get("type") == "order_state" else self.text(row[col["key"]])

        rows = [[cell(row, col) for col in spec["columns"]] for row in spec["rows"]]
        return Table(spec["caption"], [col["title"] for col in spec["columns"]], rows)

    def impact_table(self, reliance: str) -> Table:
        labels = self.content.level_labels()
        option = self.content.reliance_options()[reliance]["label"]
        rows = [[self.text(a["name"]), self.plain(labels[level])] for a, level in self.content.impact_rows(reliance)]
        return Table(self.content.ui("impact_caption", reliance=option),
                     [self.content.ui("impact_aspect"), self.content.ui("impact_level")], rows)

    def impact_rationale(self) -> str:
        labels = self.content.level_labels()
        options = self.content.reliance_options()
        sep = self.content.ui("list_separator")
        lines = [f"**{self.plain(self.content.ui('impact_rationale_title'))}**", ""]
        for aspect in self.content.impact["aspects"]:
            pairs = sep.join(
                self.content.ui("impact_rationale_pair", reliance=options[key]["label"], level=labels[aspect["by_reliance"][key]])
                for key in options
            )
            levels = self.plain(self.content.ui("impact_rationale_item", levels=pairs))
            lines.append("- " + self.pair(f"**{self.plain(aspect['name'])}**", levels + self.text(aspect["rationale"])))
        return "\n".join(lines)

    def items(self, items: list[dict], numbered: bool, prefix: str) -> str:
        lines = []
        for n, item in enumerate(items, 1):
            marker = f"{n}." if numbered else "-"
            body = self.text(item["text"])
            if item.get("term"):
                body = self.pair(f"**{self.plain(item['term'])}**", body)
            if item.get("link"):
                body += " " + self.link(item["link"], prefix, self.content.ui("go_to", title=self.title(item["link"])))
            lines.append(f"{marker} {body}")
        return "\n".join(lines)

    # Material admonition types for the site's own kinds: an inference and an open question
    # look unlike the notes around them, and carry a class of their own for the stylesheet.
    ADMONITION = {"inference": "info inference", "unsettled": "question unsettled"}

    def callout(self, kind: str, text: str, title: str | None = None, link: str | None = None, prefix: str = "") -> str:
        heading = admonition_title(title or self.content.ui(f"callout_{kind}"))
        body = self.text(text)
        if link:
            body += " " + self.link(link, prefix, self.content.ui("go_to", title=self.title(link)))
        return f'!!! {self.ADMONITION.get(kind, kind)} "{heading}"\n\n    {body}'

    def steps(self, steps: list[dict]) -> str:
        shown = [dict(step, text=markup.safe(self.text(step["text"], markdown=False)),
                      unsettled=markup.safe(self.text(step["unsettled"], markdown=False)) if step.get("unsettled") else "")
                 for step in steps]
        return markup.render("steps.html", steps=shown, unsettled_title=self.content.ui("unsettled_label"))

    def block(self, block: dict, prefix: str) -> str:
        """One content block by its type (the section schema lists the types)."""
        return {
            "text": lambda: self.text(block["text"]),
            "list": lambda: self.items(block["items"], block["style"] == "numbered", prefix),
            "table": lambda: self.table(self.data_table(block["table"])),
            "callout": lambda: self.callout(block["kind"], block["text"], block.get("title"), block.get("link"), prefix),
            "steps": lambda: self.steps(block["steps"]),
            "impact": lambda: self.table(self.impact_table(block["reliance"])),
            "impact_rationale": self.impact_rationale,
            "menu_notice": lambda: self.callout("warning", self.content.site["menu_notice"], self.content.ui("menu_notice_title")),
        }[block["type"]]()

    # -- page pieces -------------------------------------------------------------
    def source_links(self, source_ids: list[str], prefix: str = "") -> str:
        """Each source by its short name, linked to its entry on the about page."""
        sep = self.content.ui("list_separator")
        return sep.join(self.link(f"about#source-{s}", prefix, self.content.sources[s]["short"]) for s in source_ids)

    def sourced(self, key: str, source_ids: list[str], prefix: str = "", **args) -> str:
        """A message of data/messages.yml whose {sources} become links to the sources on the about page."""
        return self.plain(self.content.ui(key, sources="\x00", **args)).replace("\x00", self.source_links(source_ids, prefix))

    def page_meta(self, source_ids: list[str], reviewed: str, prefix: str = "") -> str:
        """What the page rests on, and what its date means: checked against those sources, not the seller centre."""
        return self.sourced("page_meta", source_ids, prefix, reviewed=reviewed) + "\n{: .page-meta data-search-exclude }"

    def header(self, title: str, summary: str, path: dict | None = None) -> str:
        """The page's title, its menu path when it has one (the answer first), and its one-line summary."""
        out = f"# {self.plain(title)} {{#page-title}}\n\n"
        if path:
            crumbs = self.content.ui("path_separator").join(f"**{self.plain(item)}**" for item in path["items"])
            out += self.content.ui("paren", text=crumbs, note=self.plain(path["note"])) + "\n{: .menu-path }\n\n"
        return out + f"{self.text(summary)}\n{{: .page-summary }}"

    # -- pages -------------------------------------------------------------------
    def section_page(self, section_id: str, prefix: str = "") -> str:
        data = self.content.section(section_id)
        out = [self.header(data["title"], data["summary"], data.get("path"))]
        for part in data["parts"]:
            out.append(f"## {self.plain(part['title'])} {{#{part['id']}}}")
            out += [self.block(block, prefix) for block in part["blocks"]]
            out.append(self.sourced("part_sources", part["sources"], prefix) + "\n{: .part-sources data-search-exclude }")
        out.append(self.page_meta(self.content.section_sources(data), data["reviewed"], prefix))
        return "\n\n".join(out) + "\n"

    def page(self, template: str, prefix: str, **context) -> str:
        """A page from a Markdown template; the helpers it gets return Markdown already escaped."""
        safe, sep = markup.safe, self.content.ui("list_separator")
        helpers = dict(ui=self.content.ui, text=lambda v: safe(self.text(v)), plain=lambda v: safe(self.plain(v)),
                       pair=lambda a, b: safe(self.pair(a, b)), anchor=lambda name: safe(f"{{#{name}}}"),
                       link=lambda ref, label=None: safe(self.link(ref, prefix, label)),
                       links=lambda refs: safe(sep.join(self.link(r, prefix) for r in refs)),
                       sourced=lambda key, ids, **args: safe(self.sourced(key, ids, prefix, **args)))
        return markup.render(template, **helpers, **{k: safe(v) if isinstance(v, str) else v for k, v in context.items()}) + "\n"
