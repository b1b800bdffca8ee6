# Two entry points for a fresh machine: `make serve` and `make test`.
# Each creates the virtual environment (.venv) and installs the pinned packages it needs first:
# a build needs requirements.txt; tests and tools add requirements-dev.txt.

VENV ?= .venv
PY := $(VENV)/bin/python
BUILD_STAMP := $(VENV)/.build-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)
# The oldest Node.js the tests and the CMS run on (Debian 12's nodejs is 18).
NODE_MAJOR := 18
# pytest in several processes (pytest-xdist). make test: five, grouped by module in tests/conftest.py (three for the
# browser tests, each with its own Chromium; two for the rest); make test-fast and make hunt spread theirs over two.
PYTEST := $(PY) -m pytest
# The long hunt: examples per Python property and runs per JavaScript property (make hunt).
HUNT_EXAMPLES ?= 9000
# Examples per property in make test-fast.
FAST_EXAMPLES ?= 100
# Where make serve answers.
SERVE_ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test test-fast hunt browser-deps node-deps edit offline bench clean

$(BUILD_STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	rm -f $(VENV)/.build-* $(VENV)/.installed-*
	touch $(BUILD_STAMP)

$(DEV_STAMP): $(BUILD_STAMP) requirements-dev.txt
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	rm -f $(VENV)/.dev-*
	touch $(DEV_STAMP)

# mkdocs serve rebuilds on changes to docs/ and data/; it keeps Python modules in memory, so watchmedo
# restarts it when code under macros/ or hooks/ changes (the open page reloads itself once it is back).
# watchdog 7 matches a pattern against the whole path below the folder: `*.py` alone misses macros/render/*.py.
serve: $(BUILD_STAMP)
	$(VENV)/bin/watchmedo auto-restart --directory=macros --directory=hooks --pattern='*.py;**/*.py' --recursive \
	  --debounce-interval=0.5 --signal=SIGTERM -- $(VENV)/bin/mkdocs serve -a $(SERVE_ADDR)

build: $(BUILD_STAMP)
	$(VENV)/bin/mkdocs build --strict

check: $(DEV_STAMP) node-deps
	$(PY) -m tools check
	$(PY) -m tools lint

# Everything, as CI runs it: the data check, the copy lint, node's tests and all of pytest.
test: $(DEV_STAMP) browser-deps
	$(PY) -m tools check
	$(PY) -m tools lint
	node --test tests/js/
	$(PYTEST) -n 5 --dist loadgroup

# The quick loop while working: everything but the real-browser tests, the properties at FAST_EXAMPLES each
# (under a minute; make test runs them at 300).
test-fast: $(DEV_STAMP) node-deps
	$(PY) -m tools check
	$(PY) -m tools lint
	FUZZ_RUNS=$(FAST_EXAMPLES) node --test tests/js/
	HYPOTHESIS_EXAMPLES=$(FAST_EXAMPLES) $(PYTEST) -n 2 --dist worksteal -m "not browser"

# The property tests and the JavaScript fuzz runs at HUNT_EXAMPLES each (about 10 minutes at 9,000).
hunt: $(DEV_STAMP) node-deps
	FUZZ_RUNS=$(HUNT_EXAMPLES) node --test tests/js/fuzz.test.js
	HYPOTHESIS_EXAMPLES=$(HUNT_EXAMPLES) $(PYTEST) -n 2 --dist worksteal tests/test_properties.py tests/test_text_rule.py

# The browser tests need Debian's Chromium and CJK fonts; install them when root can.
browser-deps: node-deps
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk; } || \
	  echo "note: chromium is missing; install it (apt-get install chromium fonts-noto-cjk) for the browser tests"

# Node.js and npm (Debian's nodejs and npm packages when root can), then the pinned JavaScript packages.
node-deps:
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
	  command -v apt-get >/dev/null && apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm; } || \
	  { echo "error: Node.js $(NODE_MAJOR) or newer and npm are needed: apt-get install nodejs npm" >&2; exit 1; }
	@node -e 'const v = process.versions.node; if (+v.split(".")[0] < $(NODE_MAJOR)) { console.error("error: Node.js " + v + " is too old: the tests and the CMS need $(NODE_MAJOR) or newer"); process.exit(1); }'
	@$(MAKE) -s $(NODE_STAMP)

# The pinned JavaScript packages (package-lock.json): axe-core and fast-check for the tests, the CMS, and its YAML writer.
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

# The CMS on this machine: decap-server (local git mode), mkdocs serve, and the CMS page at /admin/.
edit: $(DEV_STAMP) node-deps
	$(PY) -m tools edit

offline: $(BUILD_STAMP)
	OFFLINE=true $(VENV)/bin/mkdocs build --strict -d site-offline

# Speed and memory budgets, measured side by side (about 10 minutes; not part of make test).
bench: $(DEV_STAMP) browser-deps
	$(PY) benchmarks/run.py

# Everything the Makefile and the tests create: the environments, the built sites and the caches.
clean:
	rm -rf $(VENV) node_modules site site-offline test-artifacts .pytest_cache .cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
