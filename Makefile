# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test eval bench clean screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) pipeline.py demo

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

clean:
	rm -rf $(VENV) data/demo .pytest_cache tests/artifacts

# README screenshots: the browser tests take them (tests/artifacts/), this keeps the README's.
screenshots: $(STAMP)
	$(PY) -m pytest tests/test_browser.py
	mkdir -p docs/screenshots
	cp tests/artifacts/0[1-6]-*.png docs/screenshots/

eval: $(STAMP)
	$(PY) -m nlp.evaluate
	$(PY) -m cases.evaluate

# Speed and memory figures (issue: benchmarks); each script prints its own command line.
bench: $(STAMP)
	$(PY) bench/article_extraction.py
	$(PY) bench/nlp_throughput.py --articles 1000 --processes 1,2 --repeat 2
	$(PY) bench/nlp_profile.py --articles 300
	$(PY) bench/process_scaling.py --sizes 1000,5000,20000 --workers 2
	$(PY) bench/case_linking.py --sizes 1000,20000 --new 100
	$(PY) bench/crawl_throughput.py --pages 2000
	$(PY) bench/datasette_latency.py --articles 100000 --requests 100
	$(PY) bench/hostile.py
