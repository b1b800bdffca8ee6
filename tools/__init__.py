"""Tools for editors and CI, run as `python -m tools COMMAND`: the data check and copy lint, checklists on the
command line, the generated schema, fallback messages, CMS and code-editor settings, the impact report, the
YAML style, and `make edit`. They import the site's layers (macros.model, macros.checklist); a build never
imports them."""
