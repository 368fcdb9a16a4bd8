# The two commands of the README: `make demo` and `make test`. Everything else is what they need.
SHELL := bash
.DEFAULT_GOAL := help
NPM_STAMP := node_modules/.vodflow-installed
TEMPORAL_STAMP := .tools/temporal-cli.path
TEST_SERVER_STAMP := .tools/temporal-test-server.path
COMPOSE_STAMP := .tools/docker-compose.ok
PROMTOOL_STAMP := .tools/promtool.ok
CONFORMANCE_PYTHON_STAMP := .tools/conformance-python.ok
CONFORMANCE_JAVA_STAMP := .tools/conformance-java.classpath

.PHONY: help install conformance-tools test demo build typecheck lint format-check unit integration bench clean

help:
	@echo "make demo   run vodflow on the embedded local stack (Temporal dev server + emulators)"
	@echo "make test   install what is missing, then typecheck, lint and run every test"

# npm ci only when the lock file changed since the last install.
$(NPM_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The Temporal CLI, pinned in scripts/temporal-version.env; reinstalled only when the pin moves.
$(TEMPORAL_STAMP): scripts/temporal-version.env scripts/temporal-cli.sh
	@mkdir -p .tools
	bash scripts/temporal-cli.sh > $@.tmp && mv $@.tmp $@

# The time-skipping test server of the lifecycle tests, pinned in the same file; the tests read its path
# from the stamp.
$(TEST_SERVER_STAMP): scripts/temporal-version.env scripts/temporal-test-server.sh $(TEMPORAL_STAMP)
	@mkdir -p .tools
	bash scripts/temporal-test-server.sh > $@.tmp && mv $@.tmp $@

# docker-compose validates docker-compose.yml in the tests (no Docker engine needed); Debian's package.
$(COMPOSE_STAMP):
	@mkdir -p .tools
	@command -v docker-compose >/dev/null 2>&1 || bash scripts/install-docker-compose.sh
	@touch $@

# The official Python SDKs of the conformance suite, pinned, in their own venv under .tools/.
$(CONFORMANCE_PYTHON_STAMP): test/conformance/python/requirements.txt scripts/conformance-python.sh
	@mkdir -p .tools
	bash scripts/conformance-python.sh
	@touch $@

# The Java MNS SDK (Maven, local repository under .tools/) and the suite compiled once; the stamp
# holds the classpath the test runs it with.
$(CONFORMANCE_JAVA_STAMP): test/conformance/java/pom.xml $(wildcard test/conformance/java/src/main/java/vodflow/conformance/*.java) scripts/conformance-java.sh
	@mkdir -p .tools
	bash scripts/conformance-java.sh > $@.tmp && mv $@.tmp $@

# promtool lints the worker's /metrics and checks the alert rules in the tests; Debian's package.
$(PROMTOOL_STAMP):
	@mkdir -p .tools
	@command -v promtool >/dev/null 2>&1 || bash scripts/install-promtool.sh
	@touch $@

install: $(NPM_STAMP) $(TEMPORAL_STAMP) $(TEST_SERVER_STAMP) $(COMPOSE_STAMP) $(PROMTOOL_STAMP)

conformance-tools: $(CONFORMANCE_PYTHON_STAMP) $(CONFORMANCE_JAVA_STAMP)

typecheck: install
	npx tsc --noEmit

lint: install
	npx eslint --max-warnings 0 .
	npx prettier --check . --log-level warn

unit: install
	npx jest --ci --selectProjects unit

integration: install conformance-tools
	npx jest --ci --selectProjects integration

test: install conformance-tools typecheck lint
	npx jest --ci

demo: install
	npx tsx starters/demo.ts

# dist/: the compiled JavaScript the image and the npm package run (the tests build it through npm pack).
build: install
	npm run build

bench: install
	npm run bench

clean:
	rm -rf node_modules .tools dist
