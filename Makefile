# Trasparenza — two commands: `make site` and `make test` (see README.md).
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installato
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
MKDOCS    := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs
CHROMIUM  := /usr/bin/chromium
EXAMPLES  := $(wildcard examples/*/mkdocs.yml)
VNU       := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: site serve test validate chromium clean check-a11y

site: $(STAMP)
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

check-a11y: site chromium
	$(BIN)/trasparenza check-a11y site_build --html site_build.a11y.html

test: $(STAMP) chromium $(VNU)
	$(BIN)/python -m pytest

# The virtual environment is rebuilt when pyproject.toml changes.
$(STAMP): pyproject.toml
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Serve Python 3.11 o successivo"; exit 1; }
	@python3 -m venv $(VENV) 2>/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && python3 -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
chromium:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

# Nu HTML Checker, from the npm registry (the jar ships in the package; it runs on the system Java).
$(VNU): package.json
	@command -v java >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y default-jre-headless; }
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y npm; }
	npm install --no-audit --no-fund --ignore-scripts
	@touch $(VNU)

clean:
	rm -rf site_build site_build.in-costruzione-* site_build.precedente-*
