"""The guide's own pages beyond its sections: the FAQ (and its JSON-LD), the glossary, the about and home pages."""
from __future__ import annotations

import json

from .renderer import Renderer, Table


class GuidePages:
    """Whole pages from the renderer's Markdown primitives and the templates in macros/render/templates/."""

    def __init__(self, renderer: Renderer):
        self.renderer = renderer
        self.content = renderer.content

    def faq_page(self, prefix: str = "") -> str:
        faq = self.content.faq
        return self.renderer.page("faq.md", prefix, header=self.renderer.header(faq["title"], faq["summary"]), entries=faq["entries"],
                           meta=self.renderer.page_meta(self.content.faq_sources(), faq["reviewed"], prefix))

    def faq_json_ld(self) -> str:
        """The FAQ as schema.org FAQPage JSON, safe inside a <script> element."""
        questions = [{"@type": "Question", "name": e["question"],
                      "acceptedAnswer": {"@type": "Answer", "text": "".join(e["answer"] + [e.get("unsettled", "")])}}
                     for e in self.content.faq["entries"]]
        json_ld = json.dumps({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}, ensure_ascii=False)
        return json_ld.replace("<", "\\u003c")

    def glossary_page(self, prefix: str = "") -> str:
        g = self.content.glossary
        sep = self.content.ui("list_separator")
        rows = [[f"**{self.renderer.plain(t['term'])}**", self.renderer.plain(t["definition"]), self.renderer.plain(sep.join(t.get("aliases", [])))]
                for t in g["terms"]]
        table = Table(g["title"], [self.content.ui("glossary_term"), self.content.ui("glossary_definition"), self.content.ui("glossary_aliases")], rows)
        return "\n\n".join([self.renderer.header(g["title"], g["summary"]), self.renderer.table(table),
                            self.renderer.page_meta(g["sources"], g["reviewed"], prefix)]) + "\n"

    def about_page(self, prefix: str = "") -> str:
        ui, sep = self.content.ui, self.content.ui("list_separator")
        rows = [[self.renderer.link(ref, prefix, title), reviewed, self.renderer.plain(sep.join(self.content.sources[s]["short"] for s in srcs))]
                for ref, title, reviewed, srcs in self.content.reviewed_parts()]
        reviews = self.renderer.table(Table(ui("about_reviews"), [ui("about_part"), ui("about_reviewed"), ui("about_source")], rows))
        return self.renderer.page("about.md", prefix, header=self.renderer.header(ui("about_title"), ui("about_summary")),
                           site=self.content.site, sources=list(self.content.sources.values()), reviews=reviews)

    def home_page(self, prefix: str = "") -> str:
        site = self.content.site
        disclaimer = self.renderer.callout("warning", site["disclaimer"], self.content.ui("about_disclaimer"), "about#disclaimer", prefix)
        return self.renderer.page("home.md", prefix, header=self.renderer.header(site["home"]["heading"], site["tagline"]), site=site, disclaimer=disclaimer)
