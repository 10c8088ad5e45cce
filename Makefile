# AutoCentric: the two commands are `make run` and `make test`; the rest are their parts.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

JAVA_HOME := $(shell infra/scripts/find-jdk)
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
PYTHON = $(shell infra/scripts/python-env)
BROWSER = $(shell infra/scripts/browser-env)
SHELLCHECK = $(shell infra/scripts/shellcheck-env)
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
PORT ?= 3000
SEED ?= demo-small
CONCURRENCY ?= 4

.PHONY: help setup build run test lint unit bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: ## check the JDK; install the pinned Python tools (moto, cfn-lint) and the browser test's playwright-core and chromium when missing
	@echo "JDK: $(JAVA_HOME)"; echo "Python tools: $(PYTHON)"; echo "Browser: $(BROWSER)"
	@echo "shellcheck (LocalStackFilesTest): $(SHELLCHECK)"

build: setup ## build every function JAR and the local runtime (tests skipped)
	$(MVN) $(MVN_FLAGS) -q -DskipTests package

run: build ## start the emulator and the local runtime on http://localhost:$(PORT) with demo data (SEED=none for empty tables)
	MOTO_PYTHON="$(PYTHON)" $(JAVA_HOME)/bin/java -jar infra/local/target/local-runtime.jar \
	  --template template.yaml --port $(PORT) --seed $(SEED) --concurrency $(CONCURRENCY) --logs .local/logs

lint: setup ## cfn-lint on template.yaml (no errors, no warnings); moto speed-ups answer as moto does; moto's DynamoDB isolates requests
	"$(PYTHON)" -c 'import sys; from cfnlint.runner import main; sys.argv[0] = "cfn-lint"; sys.exit(main())' template.yaml
	@echo "cfn-lint: template.yaml clean"
	"$(PYTHON)" infra/local/src/test/python/test_moto_speedups.py
	"$(PYTHON)" infra/local/src/test/python/test_moto_fidelity.py

unit: setup ## unit and integration tests of every module, without the end-to-end suite
	MOTO_PYTHON="$(PYTHON)" $(MVN) $(MVN_FLAGS) test

test: lint ## everything CI checks: lint, unit, integration and end-to-end tests
	@date +%s > .test-started
	MOTO_PYTHON="$(PYTHON)" $(MVN) $(MVN_FLAGS) verify
	MOTO_PYTHON="$(PYTHON)" infra/scripts/readme-check
	@sleep 1; infra/scripts/leftovers "$$(cat .test-started)"; rm -f .test-started

# bench builds every function JAR and the baseline: the cold-start and feed sections run them through the local runtime
bench: setup ## measure against the emulator and write bench/report.md and bench/report.json (not part of make test)
	$(MVN) $(MVN_FLAGS) -q -DskipTests package
	MOTO_PYTHON="$(PYTHON)" $(JAVA_HOME)/bin/java -jar infra/bench/target/bench.jar --out bench

clean: ## remove build output and local state
	$(MVN) $(MVN_FLAGS) -q clean
	rm -rf .local
