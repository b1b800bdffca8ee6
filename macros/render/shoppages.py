"""The generated shop pages (shops/<id>.md) and their index, rendered from checklist documents."""
from __future__ import annotations

from ..model.problems import fill
from ..checklist.share import share_query
from .renderer import Renderer, Table, admonition_title


class ShopPages:
    """Site Markdown for documents of macros/checklist/builder.py: the verdict, the next step, then the groups."""

    def __init__(self, renderer: Renderer, spec: dict):
        self.renderer = renderer
        self.spec = spec
        self.words = spec["words"]

    def task(self, item: dict, prefix: str) -> str:
        r, v, ui = self.renderer, self.words, self.spec["ui"]
        notes = [r.plain(fill(v["reason_line"], {"reason": item["reason"]}))] if item["reason"] else []
        if item["because"]:
            given = ui["list_separator"].join(fill(ui["pair"], {"term": a["label"], "text": a["value"]}) for a in item["because"])
            notes.append(r.plain(fill(v["because"], {"answers": given})))
        notes.append(r.link(item["link"], prefix, fill(v["guide_link_named"], {"title": item["guide"]})))
        return f"- [ ] {r.text(item['text'])}\n\n    " + " · ".join(notes) + "\n    {: .ck-meta }"

    def tasks(self, items: list[dict], prefix: str) -> str:
        return "\n\n".join(self.task(i, prefix) for i in items)

    def group(self, group: dict, prefix: str) -> list[str]:
        return [f"## {self.renderer.plain(group['title'])} {{#{group['key']}}}", self.tasks(group["items"], prefix)]

    def page(self, doc: dict, profile: dict, prefix: str = "../") -> str:
        """A shop's list, and a button that opens its answers in the interactive form."""
        r, v, ui = self.renderer, self.words, self.spec["ui"]
        step = doc["next"]
        label = r.plain(self.spec["app"]["open_interactive"])
        # k: the list's key for ticks in the browser, the shop's id, so a renamed shop keeps them.
        query = share_query(profile, self.spec)
        out = [f"# {r.plain(doc['name'] or doc['title'])} {{#page-title}}",
               f'!!! {"success" if doc["ready"] else "danger"} "{admonition_title(doc["verdict"]["title"])}"\n\n'
               f'    {r.text(doc["verdict"]["text"])}',
               r.pair(f"**{r.plain(v['next_title'])}**", r.text(step["text"])) + " "
               + r.link(step["link"], prefix, fill(v["guide_link_named"], {"title": step["guide"]})) + "\n{: .ck-next }",
               f"[{label}]({prefix}checklist.md?{query}&k={doc['shop']}){{: .md-button }}"]
        for group in doc["groups"]:
            out += self.group(group, prefix)
        impact = [[r.text(row["aspect"]), r.plain(row["level"])] for row in doc["impact"]]
        out += [f"## {r.plain(v['impact_title'])} {{#impact}}",
                r.table(Table(v["impact_title"], [ui["impact_aspect"], ui["impact_level"]], impact)) if impact else r.plain(v["impact_unanswered"]),
                f"## {r.plain(v['orders_title'])} {{#orders}}"]
        orders = doc["orders"]
        if orders:
            rows = [[r.plain(cell) for cell in row["cells"]] for row in orders["rows"]]
            out.append(r.table(Table(v["orders_title"], orders["columns"], rows)))
        else:
            out.append(r.plain(v["orders_empty"]))
        answers = [[r.plain(a["label"]), r.plain(a["value"])] for a in doc["answers"]]
        out += [f"## {r.plain(v['answers_title'])} {{#answers}}",
                r.table(Table(v["answers_title"], [v["profile_question"], v["profile_answer"]], answers)),
                r.plain(fill(v["generated"], {"date": doc["date"]})) + "\n{: .page-meta data-search-exclude }"]
        return "\n\n".join(out) + "\n"

    def index(self, docs: list[dict], prefix: str = "") -> str:
        r, v = self.renderer, self.words
        rows = []
        for doc in docs:
            reasons = v["reason_separator"].join(i["reason"] for g in doc["groups"] if g["key"] == "blocking" for i in g["items"])
            rows.append([f"[{r.plain(doc['name'] or doc['title'])}]({prefix}shops/{doc['shop']}.md)",
                         r.plain(v["index_ready_yes"] if doc["ready"] else v["index_ready_no"]), r.plain(reasons) or "-"])
        table = Table(v["index_title"], [v["index_shop"], v["index_ready"], v["index_blocking"]], rows)
        return "\n\n".join([r.header(v["index_title"], v["index_summary"]), r.table(table)]) + "\n"
