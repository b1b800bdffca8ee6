# Two entry points for a fresh machine: `make serve` and `make test`.
# Each creates the virtual environment (.venv) and installs the pinned packages first.

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test browser-deps offline bench clean

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

build: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

check: $(STAMP)
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
	@test -d node_modules/axe-core || npm ci --no-audit --no-fund --silent

offline: $(STAMP)
	OFFLINE=true $(VENV)/bin/mkdocs build --strict -d site-offline

clean:
	rm -rf site .pytest_cache .cache
