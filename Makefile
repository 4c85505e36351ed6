# jupyterlab-modernizer: build, run and test.
#
# Targets are idempotent: each step leaves a stamp in .stamps/ and runs again only when its
# inputs changed, so re-runs are fast. `make help` lists the targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export CI ?= true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PATH := $(CURDIR)/.venv/bin:$(PATH)

VENV := .venv
PY := $(VENV)/bin/python
JUPYTER := $(VENV)/bin/jupyter
STAMPS := .stamps
CHROMIUM := /usr/bin/chromium
LAB_PORT ?= 8888
LABEXT_LINK := $(VENV)/share/jupyter/labextensions/jupyterlab-modernizer
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ALLOW_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

# Inputs of the TypeScript builds (lib/ for the lab extension, dist/ for the CLI).
TS_SOURCES := $(shell find src schema style bench -type f \
		\( -name '*.ts' -o -name '*.tsx' -o -name '*.json' -o -name '*.css' -o -name '*.js' \) \
		-not -path 'bench/out*' 2>/dev/null) \
	package.json tsconfig.json tsconfig.cli.json
# Inputs of the Python package metadata; the code itself is installed editable.
PY_PACKAGE := pyproject.toml install.json $(wildcard jupyter-config/server-config/*.json)

# Installs node_modules in directory $(1): npm ci from the lock file, or npm install without one.
# A node_modules that already satisfies package.json (`npm ls`) is kept: other work may be
# using it, and `npm ci` would delete it first.
define npm_install
	cd $(1) && if [ ! -f package-lock.json ]; then \
		npm install --no-audit --no-fund; \
	elif [ -d node_modules ] && npm ls --depth=0 >/dev/null 2>&1; then \
		echo "$(1)/node_modules already matches package.json"; \
	else \
		npm ci --no-audit --no-fund; \
	fi
endef

.PHONY: help venv gateway-venv node_modules ui-tests-node_modules build chromium graphviz lab \
	lint test test-js test-py test-ui examples clean-stamps

help:
	@echo "make venv          Python venv with requirements.txt and the kernel's requirements-kernel.txt"
	@echo "make gateway-venv  Jupyter Enterprise Gateway in .venv-gateway (for the multi-server tests)"
	@echo "make node_modules  npm dependencies (npm ci from package-lock.json)"
	@echo "make build         lab extension + CLI, installed editable in the venv"
	@echo "make chromium      Debian's chromium for the UI tests (apt-get)"
	@echo "make graphviz      Debian's graphviz (dot) for the kernel's graphviz and pydotplus (apt-get)"
	@echo "make lab           JupyterLab on port $(LAB_PORT) over examples/"
	@echo "make test          lint, test-js, test-py, test-ui in that order"
	@echo "make lint          ESLint over src, test and bench (src/core imports no UI, no lab, no cli)"
	@echo "make test-js | test-py | test-ui"
	@echo "make clean-stamps  forget what was done (the next run re-checks everything)"

$(STAMPS):
	mkdir -p $@

# --- environments ---------------------------------------------------------------------------

# One resolution of both files, so the kernel's stack cannot move a pin of requirements.txt.
venv: $(STAMPS)/venv
$(STAMPS)/venv: requirements.txt requirements-kernel.txt | $(STAMPS) graphviz
	[ -x $(PY) ] || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-kernel.txt
	touch $@

# Enterprise Gateway needs jupyter-server < 2: a venv of its own, for the multi-server tests.
GATEWAY_VENV := .venv-gateway
gateway-venv: $(STAMPS)/gateway-venv
$(STAMPS)/gateway-venv: requirements-gateway.txt | $(STAMPS)
	[ -x $(GATEWAY_VENV)/bin/python ] || python3 -m venv $(GATEWAY_VENV)
	$(GATEWAY_VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements-gateway.txt
	touch $@

node_modules: $(STAMPS)/node_modules
$(STAMPS)/node_modules: package.json $(wildcard package-lock.json) | $(STAMPS)
	$(call npm_install,.)
	touch $@

ui-tests-node_modules: $(STAMPS)/ui-tests-node_modules
$(STAMPS)/ui-tests-node_modules: ui-tests/package.json $(wildcard ui-tests/package-lock.json) | $(STAMPS)
	$(call npm_install,ui-tests)
	touch $@

chromium:
	@if [ -x $(CHROMIUM) ]; then \
		echo "$$($(CHROMIUM) --version 2>/dev/null) at $(CHROMIUM)"; \
	else \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium; \
	fi

graphviz:
	@if command -v dot >/dev/null; then \
		echo "$$(dot -V 2>&1) at $$(command -v dot)"; \
	else \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y graphviz; \
	fi

# --- build ----------------------------------------------------------------------------------

build: $(STAMPS)/build $(STAMPS)/python-install

# lib/, dist/ and jupyterlab_modernizer/labextension/ (development build), from clean: a file left
# from an earlier layout would otherwise still be imported or served.
$(STAMPS)/build: $(STAMPS)/venv $(STAMPS)/node_modules $(TS_SOURCES) | $(STAMPS)
	npm run clean && npm run build
	touch $@

# The Python package, editable, with its server extension enabled and the labextension linked.
# The old link is removed first: reinstalling would otherwise delete the built files through it.
$(STAMPS)/python-install: $(STAMPS)/venv $(PY_PACKAGE) | $(STAMPS) $(STAMPS)/build
	if [ -L $(LABEXT_LINK) ]; then rm $(LABEXT_LINK); fi
	SKIP_JUPYTER_BUILDER=1 $(PY) -m pip install -q --disable-pip-version-check \
		--no-build-isolation --no-deps -e .
	$(VENV)/bin/jupyter-builder develop --overwrite .
	$(JUPYTER) labextension list 2>&1 | grep -E 'jupyterlab-modernizer.*enabled.*OK'
	$(JUPYTER) server extension list 2>&1 | grep -E -A2 'jupyterlab_modernizer.*enabled'
	touch $@

examples:
	@if [ ! -d examples ]; then mkdir -p examples && touch examples/.gitkeep; fi

# JupyterLab asks about its news feed on the first start: the venv's overrides answer 'never'.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
lab: build examples $(LAB_OVERRIDES)
	@echo "JupyterLab at http://localhost:$(LAB_PORT)/lab (the URL with its token follows)"
	$(JUPYTER) lab --no-browser --port=$(LAB_PORT) --ServerApp.root_dir=$(CURDIR)/examples $(ALLOW_ROOT)

$(LAB_OVERRIDES): jupyter-config/lab-settings/overrides.json $(STAMPS)/venv
	mkdir -p $(dir $@)
	cp $< $@

# --- tests ----------------------------------------------------------------------------------

# ESLint, again only when a linted file or the config changed (its cache skips unchanged files).
LINT_SOURCES := $(shell find src test bench -type f \( -name '*.ts' -o -name '*.tsx' \) \
		-not -path 'bench/out*' 2>/dev/null) eslint.config.mjs package.json
lint: $(STAMPS)/lint
$(STAMPS)/lint: $(STAMPS)/node_modules $(LINT_SOURCES) | $(STAMPS)
	npm run lint
	touch $@

# The batch report is opened in Chromium by a jest test too; the wheel test packs the build;
# the multi-server test starts Enterprise Gateways.
test-js: $(STAMPS)/venv $(STAMPS)/node_modules chromium $(STAMPS)/ui-tests-node_modules $(STAMPS)/build $(STAMPS)/gateway-venv
	npx jest

test-py: $(STAMPS)/venv
	$(VENV)/bin/pytest -q jupyterlab_modernizer

test-ui: build chromium $(STAMPS)/ui-tests-node_modules
	cd ui-tests && npx playwright test

# All four run; the target fails if any of them failed.
test:
	@failed=""; \
	for target in lint test-js test-py test-ui; do \
		$(MAKE) --no-print-directory $$target || failed="$$failed $$target"; \
	done; \
	if [ -n "$$failed" ]; then echo "FAILED:$$failed"; exit 1; fi; \
	echo "lint, test-js, test-py and test-ui passed"

clean-stamps:
	rm -rf $(STAMPS)
