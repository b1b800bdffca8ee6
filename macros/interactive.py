"""The interactive checklist page: its form, generated from data/profile.yml, and the data it embeds."""
from __future__ import annotations

import html
import json

from .content import Content
from .rendering import Renderer


def _attrs(**attrs) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{html.escape(str(value), quote=True)}"')
    return " ".join(parts)


def _tag(name: str, text: str = "", **attrs) -> str:
    return f"<{name} {_attrs(**attrs)}>{html.escape(text)}</{name}>" if attrs else f"<{name}>{html.escape(text)}</{name}>"


class InteractivePage:
    """Renders /checklist/: a form, empty output regions and one JSON payload for the script."""

    def __init__(self, content: Content, renderer: Renderer):
        self.c = content
        self.r = renderer
        self.app = content.checklist["app"]

    def payload(self) -> dict:
        c = self.c
        return {
            "fields": c.profile["fields"],
            "states": [dict(s, key=k) for k, s in c.states.items()],
            "items": c.checklist["items"],
            "impact": {"levels": c.impact["levels"], "aspects": c.impact["aspects"]},
            "verdict": c.checklist["verdict"],
            "app": self.app,
            "csv": c.checklist["csv"],
            "ui": {k: c.ui(k) for k in ("handled_yes", "handled_no", "impact_aspect", "impact_level")},
            "columns": [col["title"] for col in c.tables["order-status-example"]["columns"]],
            "titles": {ref: c.page_title(ref) for ref in sorted({i["link"] for i in c.checklist["items"]})},
        }

    def field(self, field: dict) -> str:
        key, kind = field["key"], field["type"]
        fid = f"f-{key.replace('_', '-')}"
        help_id = f"{fid}-help"
        help_p = _tag("p", field["help"], id=help_id, class_="ck-help")
        if kind == "text":
            control = f'<input {_attrs(type="text", id=fid, name=key, maxlength=field.get("max", 100), autocomplete="organization", aria_describedby=help_id, placeholder=self.app["default_name"])}>'
            return f'<div class="ck-field">{_tag("label", field["label"], for_=fid)}{control}{help_p}</div>'
        if kind == "integer":
            control = f'<input {_attrs(type="number", id=fid, name=key, min=field.get("min", 0), max=field.get("max"), step=1, value=field.get("default", field.get("min", 0)), inputmode="numeric", aria_describedby=help_id)}>'
            return f'<div class="ck-field">{_tag("label", field["label"], for_=fid)}{control}{help_p}</div>'
        if kind == "boolean":
            control = f'<input {_attrs(type="checkbox", id=fid, name=key, value="1", aria_describedby=help_id, checked=bool(field.get("default")))}>'
            return f'<div class="ck-field ck-field--check">{control}{_tag("label", field["label"], for_=fid)}{help_p}</div>'
        if kind == "choice":
            options = []
            for opt in field["options"]:
                oid = f"{fid}-{opt['value']}"
                radio = f'<input {_attrs(type="radio", id=oid, name=key, value=opt["value"], checked=opt["value"] == field.get("default"))}>'
                hint = _tag("span", opt.get("help", ""), class_="ck-option-help")
                options.append(f'<div class="ck-option">{radio}<label for="{oid}">{html.escape(opt["label"])}</label>{hint}</div>')
            return (f'<fieldset class="ck-field" aria-describedby="{help_id}">{_tag("legend", field["label"])}'
                    f'{help_p}{"".join(options)}</fieldset>')
        if kind == "order_counts":
            inputs = []
            for state_key, state in self.c.states.items():
                sid = f"f-orders-{state_key.replace('_', '-')}"
                control = f'<input {_attrs(type="number", id=sid, name=f"{key}.{state_key}", min=0, max=field.get("max"), step=1, value=0, inputmode="numeric")}>'
                inputs.append(f'<div class="ck-count">{_tag("label", state["label"], for_=sid)}{control}</div>')
            return (f'<fieldset class="ck-field ck-counts" aria-describedby="{help_id}">{_tag("legend", field["label"])}'
                    f'{help_p}<div class="ck-count-grid">{"".join(inputs)}</div></fieldset>')
        if kind == "order_list":
            a = self.app
            return (f'<fieldset class="ck-field ck-csv">{_tag("legend", a["csv_title"])}'
                    f'{_tag("p", a["csv_help"], class_="ck-help")}'
                    f'<label for="f-csv-file">{html.escape(a["csv_file"])}</label>'
                    f'<input type="file" id="f-csv-file" accept=".csv,text/csv,text/plain">'
                    f'<label for="f-csv-text">{html.escape(a["csv_paste"])}</label>'
                    f'<textarea id="f-csv-text" rows="4" spellcheck="false"></textarea>'
                    f'<button type="button" class="md-button" id="f-csv-read">{html.escape(a["csv_read"])}</button>'
                    f'<div id="csv-status" role="status" aria-live="polite"></div></fieldset>')
        raise ValueError(f"no form control for field type {kind!r}")

    def render(self, prefix: str = "", asset_base: str = "") -> str:
        a, v = self.app, self.c.verdict
        form = "".join(self.field(f) for f in self.c.profile["fields"])
        links = "\n".join(f"- [{self.r.plain(ref)}]({self.r.target(ref, prefix)}){{: data-ref=\"{ref}\" }}"
                          for ref in sorted({i["link"] for i in self.c.checklist["items"]}))
        payload = json.dumps(self.payload(), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        actions = "".join(
            f'<button type="button" class="md-button" data-action="{name}">{html.escape(a[name])}</button>'
            for name in ("share", "download", "print", "restart")
        )
        app = "\n".join([
            f'<link rel="stylesheet" href="{asset_base}assets/checklist.css">',
            '<div id="checklist-app" class="ck-app">',
            f'<form id="checklist-form" class="checklist-form" autocomplete="off"><h2 id="profile-form">{html.escape(a["form_title"])}</h2>{form}</form>',
            '<section class="ck-result" aria-live="polite">',
            '<div id="verdict" class="admonition" role="status"></div>',
            '<div class="ck-progress"><progress id="progress" max="1" value="0"></progress> <span id="progress-text"></span></div>',
            f'<div class="ck-actions">{actions}</div>',
            '<p id="action-status" role="status" aria-live="polite"></p>',
            f'<h2 id="pre-close-title">{html.escape(v("pre_title"))}</h2><ul id="pre-close" class="ck-list"></ul>',
            f'<h2 id="post-close-title">{html.escape(v("post_title"))}</h2><ul id="post-close" class="ck-list"></ul>',
            f'<h2 id="impact-title">{html.escape(v("impact_title"))}</h2><div id="impact"></div>',
            f'<h2 id="orders-title">{html.escape(v("orders_title"))}</h2><div id="orders"></div>',
            "</section>",
            f'<script type="application/json" id="checklist-data">{payload}</script>',
            "</div>",
        ])
        header = self.r.header(a["title"], a["summary"])
        return f"{header}\n\n{app}\n\n<div class=\"ck-links\" hidden markdown>\n\n{links}\n\n</div>\n"
