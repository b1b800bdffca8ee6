# Two entry points for a fresh machine: `make serve` and `make test`.
# Each creates the virtual environment (.venv) and installs the pinned packages first.

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test bench clean

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

test: $(STAMP)
	$(PY) -m macros check
	$(PY) -m pytest

clean:
	rm -rf site .pytest_cache
