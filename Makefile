# Two entry points for a fresh machine: `make serve` and `make test`.
# Each creates the virtual environment (.venv) and installs the pinned packages first.

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test browser-deps edit offline bench clean

NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

build: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

check: $(STAMP) $(NODE_STAMP)
	$(PY) -m macros check
	$(PY) -m macros lint

test: $(STAMP) browser-deps
	$(PY) -m macros check
	$(PY) -m macros lint
	node --test tests/js/
	$(PY) -m pytest

# The browser tests need Debian's Chromium and CJK fonts; install them when root can.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk; } || \
	  echo "note: chromium is missing; install it (apt-get install chromium fonts-noto-cjk) for the browser tests"
	@$(MAKE) -s $(NODE_STAMP)

# The pinned JavaScript packages (package-lock.json): axe-core for the tests, the CMS, and its YAML writer.
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

# The CMS on this machine: decap-server (local git mode), mkdocs serve, and the CMS page at /admin/.
edit: $(STAMP) $(NODE_STAMP)
	$(PY) editor/run.py

offline: $(STAMP)
	OFFLINE=true $(VENV)/bin/mkdocs build --strict -d site-offline

clean:
	rm -rf site .pytest_cache .cache
