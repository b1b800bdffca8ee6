"""The guide's own pages beyond its sections: the FAQ (and its JSON-LD), the glossary, the about and home pages."""
from __future__ import annotations

import json

from .renderer import Renderer, Table


class GuidePages:
    """Whole pages from the renderer's Markdown primitives and the templates in macros/templates/."""

    def __init__(self, renderer: Renderer):
        self.r = renderer
        self.c = renderer.c

    def faq_page(self, prefix: str = "") -> str:
        faq = self.c.faq
        return self.r.page("faq.md", prefix, header=self.r.header(faq["title"], faq["summary"]), entries=faq["entries"],
                           meta=self.r.page_meta(self.c.faq_sources(), faq["reviewed"], prefix))

    def faq_json_ld(self) -> str:
        """The FAQ as schema.org FAQPage JSON, safe inside a <script> element."""
        questions = [{"@type": "Question", "name": e["question"],
                      "acceptedAnswer": {"@type": "Answer", "text": "".join(e["answer"] + [e.get("unsettled", "")])}}
                     for e in self.c.faq["entries"]]
        json_ld = json.dumps({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}, ensure_ascii=False)
        return json_ld.replace("<", "\\u003c")

    def glossary_page(self, prefix: str = "") -> str:
        g = self.c.glossary
        sep = self.c.ui("list_separator")
        rows = [[f"**{self.r.plain(t['term'])}**", self.r.plain(t["definition"]), self.r.plain(sep.join(t.get("aliases", [])))]
                for t in g["terms"]]
        table = Table(g["title"], [self.c.ui("glossary_term"), self.c.ui("glossary_definition"), self.c.ui("glossary_aliases")], rows)
        return "\n\n".join([self.r.header(g["title"], g["summary"]), self.r.table(table),
                            self.r.page_meta(g["sources"], g["reviewed"], prefix)]) + "\n"

    def about_page(self, prefix: str = "") -> str:
        ui, sep = self.c.ui, self.c.ui("list_separator")
        rows = [[self.r.link(ref, prefix, title), reviewed, self.r.plain(sep.join(self.c.sources[s]["short"] for s in srcs))]
                for ref, title, reviewed, srcs in self.c.reviewed_parts()]
        reviews = self.r.table(Table(ui("about_reviews"), [ui("about_part"), ui("about_reviewed"), ui("about_source")], rows))
        return self.r.page("about.md", prefix, header=self.r.header(ui("about_title"), ui("about_summary")),
                           site=self.c.site, sources=list(self.c.sources.values()), reviews=reviews)

    def home_page(self, prefix: str = "") -> str:
        site = self.c.site
        disclaimer = self.r.callout("warning", site["disclaimer"], self.c.ui("about_disclaimer"), "about#disclaimer", prefix)
        return self.r.page("home.md", prefix, header=self.r.header(site["title"], site["tagline"]), site=site, disclaimer=disclaimer)
