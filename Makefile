# FeedbackHub: `make run` starts the app, `make test` runs the tests.
# Both start an embedded PostgreSQL and Redis under ./var unless
# DATABASE_URL / REDIS_URL are set.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LAUNCH := $(PY) -m feedbackhub.embedded

.PHONY: run test lint format bench bench-import bench-dispatch bench-dashboard bench-compliance train-compliance clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

run: $(STAMP)
	$(LAUNCH) --setup -- $(VENV)/bin/honcho start -f Procfile

test: $(STAMP)
	$(LAUNCH) --var var/test -- $(PY) -m pytest $(PYTEST_ARGS)

LINT_STAMP := $(VENV)/.lint-installed
$(LINT_STAMP): $(STAMP) requirements-lint.txt
	$(PY) -m pip install --quiet -r requirements-lint.txt
	touch $(LINT_STAMP)

lint: $(LINT_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/bandit -c pyproject.toml -r . --severity-level high --quiet
	$(VENV)/bin/pip-audit -r requirements.txt --progress-spinner off

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) requirements-bench.txt
	$(PY) -m pip install --quiet -r requirements-bench.txt
	touch $(BENCH_STAMP)

bench: bench-import bench-dispatch bench-dashboard bench-compliance

# ROWS=100000 make bench-import for a quicker run.
bench-import: $(BENCH_STAMP)
	$(LAUNCH) --var var/bench -- $(PY) bench/import_orders.py --rows 100000 --ours-only
	$(LAUNCH) --var var/bench -- $(PY) bench/import_orders.py --rows $${ROWS:-1000000}

# The checker alone: pure Python, no services.
bench-compliance: $(STAMP)
	$(PY) bench/compliance.py

# The checker's learned check: train it again after a labelled corpus changes (a test says so).
# ARGS=--loco prints, leaving one corpus out at a time, the figures the threshold is chosen from.
TRAIN_STAMP := $(VENV)/.train-installed
$(TRAIN_STAMP): $(STAMP) requirements-train.txt
	$(PY) -m pip install --quiet -r requirements-train.txt
	touch $(TRAIN_STAMP)

train-compliance: $(TRAIN_STAMP)
	$(PY) scripts/train_learned_check.py $(ARGS)

# MESSAGES=10000 ORDERS=100000 make bench-dispatch for a quicker run.
bench-dispatch: $(STAMP)
	$(LAUNCH) --var var/bench -- $(PY) bench/dispatch.py --messages $${MESSAGES:-100000} --orders $${ORDERS:-1000000}

# ORDERS=100000 make bench-dashboard for a quicker run (the seed is kept and reused).
bench-dashboard: $(STAMP)
	$(LAUNCH) --var var/bench -- $(PY) bench/dashboard.py --orders $${ORDERS:-1000000}

clean:
	rm -rf var/test
