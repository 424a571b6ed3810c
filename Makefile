# newsdesk: every target builds .venv on first use and reuses it afterwards.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
REPORTS ?= reports

.DEFAULT_GOAL := help
.PHONY: help report test test-fast lab validate notebooks evaluate bench clean browser train FORCE
CORPORA ?= ../shared/corpora
# Compiled modules are kept (in __pycache__, which git ignores) even where the environment asks Python not to
# write them: otherwise every test worker, kernel and report process compiles the package again, and pytest
# rewrites every test file's asserts again (about 10 s of the quick tests' minute).
export PYTHONDONTWRITEBYTECODE :=

# A report is remade only when what it is made from changed since its folder's list of files was written: the
# notebooks, every file and folder of data/ (a folder's time moves when a file is added or removed; hidden
# files and folders are left out) and every file of the package but compiled ones. Spaces and colons in names
# are escaped for make. STORY, DRAFTS or FORCE=1 always run it. The list is then dated to when the run
# started, to the nanosecond (a file edited while it ran counts as changed next time), or, for one story or
# with drafts, which is not the full report, back to 2 January 1970 (the next plain run remakes it).
REPORT_STAMP := $(REPORTS)/.newsdesk-report.json
ESCAPE := sed 's/[ :]/\\&/g'
REPORT_INPUTS := $(wildcard notebooks/*.ipynb) \
  $(shell find data -name '.*' -prune -o -print 2>/dev/null | $(ESCAPE)) \
  $(shell find helpers \( -name __pycache__ -o -name '.*' \) -prune -o -type f -print 2>/dev/null | $(ESCAPE)) \
  $(wildcard .cache/evaluation/drafter-accuracy.csv)

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@echo "Setting up $(VENV) (first run only; about a minute)…"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable '.[dev,evaluate,dask]'
	@touch $(STAMP)

report: $(REPORT_STAMP) ## run the notebooks on data/ whose inputs changed (data/, notebooks/, helpers/, measured error rates) (STORY=label for one story, DRAFTS=1 to add machine drafts, REPORTS=folder, FORCE=1 to re-run anyway); HTML pages, findings.md and tables/*.csv in reports/

$(REPORT_STAMP): $(STAMP) $(REPORT_INPUTS) $(if $(STORY)$(DRAFTS)$(FORCE),FORCE)
	$(eval REPORT_START := $(shell $(PY) -c 'import time; print(time.time_ns())'))
	$(PY) -m helpers validate data
	$(PY) -m helpers report --out $(REPORTS) $(if $(STORY),--story "$(STORY)") $(if $(DRAFTS),--drafts) $(if $(FORCE),--rerun)
	@$(PY) -c 'import os, sys; os.utime(sys.argv[1], ns=(int(sys.argv[2]),) * 2)' $(REPORT_STAMP) \
	  $(if $(STORY)$(DRAFTS),86400000000000,$(REPORT_START))

FORCE:

browser: ## headless Chromium for the page tests (Debian's package, installed once when missing)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing Debian's chromium for the browser tests (once)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: run 'sudo apt-get install chromium' (the browser tests are skipped)"; fi; }

test: $(STAMP) browser ## run all tests: helpers, notebooks and pages (in a browser) on a corpus of two stories, nbval
	$(PY) -m pytest -n 2 --dist loadfile --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval-sanitize.cfg tests notebooks

test-fast: $(STAMP) ## the quick inner loop (under a minute): the linter, the layers' import contract, then every test but the slow ones (notebooks, reports, browsers, property tests, Dask, racing processes)
	$(PY) -m ruff check helpers tests benchmarks
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -n 2 -m "not slow" tests

lab: $(STAMP) ## open JupyterLab on the notebooks (PORT=8890 for another port; HEADLESS=1 on a server: no browser, listens on every address, prints the link; works as root)
	@$(PY) -m helpers.present.lab_settings
	$(VENV)/bin/jupyter lab notebooks $(if $(PORT),--port=$(PORT)) $(if $(HEADLESS),--no-browser --ServerApp.ip=0.0.0.0) $(if $(filter 0,$(shell id -u)),--allow-root)

validate: $(STAMP) ## check every annotation file in data/
	$(PY) -m helpers validate data

notebooks: $(STAMP) ## re-execute the stored notebooks in place (nbval's reference); print the findings that changed; rewrite notebooks/FINDINGS.md
	$(PY) -m helpers notebooks --folder notebooks

evaluate: $(STAMP) ## measure the drafter on the seed and the gold corpora in CORPORA (default ../shared/corpora); CSV in reports/evaluation/, the error rates notebooks quote in .cache/evaluation/
	$(PY) -m helpers evaluate $(CORPORA)

train: $(STAMP) ## rebuild the drafter's attribution model and entity tagger from CORPORA (polnear-train/; fixed settings) and print their dev scores
	$(PY) -m helpers train $(CORPORA)

bench: $(STAMP) ## drafting beside dateparser; saved pages beside trafilatura's defaults; the review's actions on a 500-entry draft, and a scripted review through JupyterLab; time against article size up to the limit; loading 1k/10k/100k articles beside PyYAML; notebooks at 10k (about 30 min); CSV in reports/bench/
	$(PY) -m benchmarks.drafting $(CORPORA)
	$(PY) -m benchmarks.ingest_pages
	$(PY) -m benchmarks.review 500
	$(PY) -m benchmarks.review_in_lab
	$(PY) -m benchmarks.limits
	$(PY) -m benchmarks.scale
	$(PY) -m benchmarks.notebooks

clean: ## remove generated files: reports/ and the corpus cache (keeps .venv, the benchmark corpora in .cache/bench and the measured error rates in .cache/evaluation)
	rm -rf $(REPORTS) .pytest_cache .cache/corpora
