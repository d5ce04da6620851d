# Trasparenza — two commands: `make site` and `make test` (see README.md).
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installato
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
MKDOCS    := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs
CHROMIUM  := /usr/bin/chromium
EXAMPLES  := $(wildcard examples/*/mkdocs.yml)
VNU       := node_modules/vnu-jar/build/dist/vnu.jar
# The npm tools (package.json): the Nu HTML Checker and two accessibility engines besides axe-core.
NPM_TOOLS := $(VNU) node_modules/html_codesniffer/build/HTMLCS.js node_modules/accessibility-checker-engine/ace.js

.PHONY: site serve test validate chromium clean check-a11y

site: $(STAMP) chromium
	$(BIN)/trasparenza validate --rigoroso .
	$(MKDOCS) build --strict
	@for cfg in $(EXAMPLES); do \
	  echo "Esempio: $$(dirname $$cfg)"; \
	  $(MKDOCS) build --strict --quiet -f $$cfg || exit 1; \
	done
	@echo "Sito pronto in site_build/ (esempi in examples/*/site_build/)"

serve: $(STAMP)
	$(MKDOCS) serve --livereload --watch-theme

validate: $(STAMP)
	$(BIN)/trasparenza validate --rigoroso .

# Every site: the comune's (site_build/) and the examples, each with its HTML report.
check-a11y: site chromium $(NPM_TOOLS)
	$(BIN)/trasparenza check-a11y site_build --html site_build.a11y.html
	@for cfg in $(EXAMPLES); do \
	  dir=$$(dirname $$cfg); echo "Esempio: $$dir"; \
	  $(BIN)/trasparenza check-a11y $$dir/site_build --html $$dir/site_build.a11y.html || exit 1; \
	done

test: $(STAMP) chromium $(NPM_TOOLS)
	$(BIN)/python -m pytest

# Benchmark (issue 13, bench/README.md): build speed and memory against plain mkdocs-material at 1000 and
# 5000 objectives, and edit-to-refresh in the preview (Chromium). Takes several minutes.
# Lighthouse (issue 25) on a page of every kind, phone and computer: accessibility 100, layout shift < 0.05.
# The pinned Lighthouse comes from the npm registry into .lighthouse/ (no browser download; Debian's Chromium).
LIGHTHOUSE := .lighthouse/node_modules/.bin/lighthouse
.PHONY: lighthouse
lighthouse: site chromium $(LIGHTHOUSE)
	$(BIN)/python bench/lighthouse.py --lighthouse $(LIGHTHOUSE)

$(LIGHTHOUSE):
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y npm; }
	npm install --prefix .lighthouse --no-save --no-audit --no-fund --ignore-scripts lighthouse@12.8.2

.PHONY: bench
bench: $(STAMP) chromium
	$(BIN)/python bench/run.py --serve

# The virtual environment is rebuilt when pyproject.toml changes.
$(STAMP): pyproject.toml
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Serve Python 3.11 o successivo"; exit 1; }
	@python3 -m venv $(VENV) 2>/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && python3 -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
chromium:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

# From the npm registry, without install scripts: the Nu HTML Checker (a jar, run on the system Java),
# HTML_CodeSniffer and IBM Equal Access (JavaScript files injected into the pages by check-a11y).
$(NPM_TOOLS) &: package.json package-lock.json
	@command -v java >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y default-jre-headless; }
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y npm; }
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $(NPM_TOOLS)

clean:
	rm -rf site_build site_build.in-costruzione-* site_build.precedente-* site_build.a11y.html examples/*/site_build.a11y.html
