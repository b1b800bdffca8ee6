"""The site's rendering, the only layer that knows MkDocs: the pages' Markdown and HTML from valid data, the
checklist page and shop pages, the editors' guide, search terms, the CSP, and one build's state (build.py)."""
