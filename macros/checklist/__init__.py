"""The checklist: one shop's lists built from the answers and the item rules, the document every format renders
(the page, the shop pages, plain Markdown, JSON), and reading a Taobao order export. Imports only the model."""
