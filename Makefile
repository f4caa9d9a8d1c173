# Kreditor — the two commands a new machine needs are `make run` and `make test`.
# Everything else here is a step of those two, or a tool for people operating the pair.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# CI builds in a fresh clone; a target directory outside it survives between runs and keeps
# them incremental (it still builds from nothing on a new machine).
ifdef CI
CARGO_TARGET_DIR ?= /var/tmp/kreditor-cargo-target
endif
CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
SITE_ROOT := $(CARGO_TARGET_DIR)/site
SERVER_BIN := $(CARGO_TARGET_DIR)/debug/server
WASM := $(CARGO_TARGET_DIR)/wasm32-unknown-unknown/wasm-dev/app.wasm

# The pair `make run` uses (data under .pgdata, or /var/tmp when postgres cannot reach it).
PG_PRIMARY_PORT ?= 5440
PG_STANDBY_PORT ?= 5441
export PG_PRIMARY_PORT PG_STANDBY_PORT
# The throwaway pair the tests use, recreated by every `make test`.
TEST_PG_PRIMARY_PORT ?= 5450
TEST_PG_STANDBY_PORT ?= 5451
TEST_PG_DIR ?= /var/tmp/kreditor-testpg-$(shell printf '%s' '$(CURDIR)' | sha256sum | cut -c1-12)
export TEST_PG_PRIMARY_PORT TEST_PG_STANDBY_PORT
TEST_PAIR := PG_DIR=$(TEST_PG_DIR) PG_PRIMARY_PORT=$(TEST_PG_PRIMARY_PORT) PG_STANDBY_PORT=$(TEST_PG_STANDBY_PORT) PG_FAST=1

BIND_ADDR ?= 127.0.0.1:3000

.PHONY: help run test deps deps-browser build build-server build-site fmt-check clippy \
        test-db test-unit test-failover e2e db-start db-stop db-status db-failover db-destroy \
        bench-ledger bench-credit bench-orders bench-documents

help:
	@echo "make run      install what is missing, start the PostgreSQL pair, serve http://$(BIND_ADDR)"
	@echo "make test     everything CI runs: fmt, clippy, unit, integration, failover, browser tests"
	@echo "make db-start | db-stop | db-status | db-failover | db-destroy   operate the pair"
	@echo "make bench-ledger   ledger benchmark (1M lines, compared with ledger-cli)"
	@echo "make bench-credit   credit engine benchmark (decisions per second)"
	@echo "make bench-orders   order API under load (create → capture) against a pgbench ceiling"
	@echo "make bench-documents invoice PDFs per second vs reportlab, and a 10,000-invoice print batch"

## ---- the two commands -------------------------------------------------------------------

run: deps build db-start
	@eval "$$(scripts/pg-pair.sh env)"; \
	export DATABASE_URL DATABASE_READ_URL; \
	export APP_ENV=$${APP_ENV:-demo} BIND_ADDR=$(BIND_ADDR) SITE_ROOT=$(SITE_ROOT) LOG_FORMAT=$${LOG_FORMAT:-pretty}; \
	exec $(SERVER_BIN) serve

test: deps-browser fmt-check clippy build test-db e2e test-unit test-failover
	@$(TEST_PAIR) scripts/pg-pair.sh destroy >/dev/null

## ---- steps ------------------------------------------------------------------------------

deps:
	@scripts/install-deps.sh

deps-browser:
	@scripts/install-deps.sh --browser

build: build-server build-site

build-server:
	cargo build -p server

# Hydration bundle: plain cargo + the pinned wasm-bindgen (no cargo-leptos, see README).
build-site:
	cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile wasm-dev
	@mkdir -p $(SITE_ROOT)/pkg
	wasm-bindgen --target web --out-dir $(SITE_ROOT)/pkg --out-name kreditor $(WASM)
	@mv -f $(SITE_ROOT)/pkg/kreditor_bg.wasm $(SITE_ROOT)/pkg/kreditor.wasm
	@cp style/*.css $(SITE_ROOT)/pkg/

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

test-db:
	@$(TEST_PAIR) scripts/pg-pair.sh destroy >/dev/null
	@$(TEST_PAIR) scripts/pg-pair.sh start

e2e:
	SERVER_BIN=$(SERVER_BIN) SITE_ROOT=$(SITE_ROOT) scripts/e2e.sh

# Unit tests and integration tests (real PostgreSQL), each test in its own process and
# database; the failover scenarios run on their own pairs afterwards.
test-unit:
	KREDITOR_TEST_PG=127.0.0.1:$(TEST_PG_PRIMARY_PORT),127.0.0.1:$(TEST_PG_STANDBY_PORT) \
	  cargo nextest run --workspace --no-fail-fast -E 'not binary(failover)'

test-failover:
	cargo nextest run -p server --test failover --no-fail-fast --no-capture

## ---- benchmarks (print figures; not part of make test) ----------------------------------

# Posts ~1,000,000 journal lines into a fresh kreditor_bench database on the run pair, times the
# trial balance and SIE export against `ledger bal` on the same journal. Release build.
BENCH_LINES ?= 1000000
bench-ledger: db-start
	@scripts/install-deps.sh --bench
	cargo build --release -p server
	@eval "$$(scripts/pg-pair.sh env)"; export DATABASE_URL APP_ENV=demo RUST_LOG=warn; \
	$(CARGO_TARGET_DIR)/release/server bench-ledger --lines $(BENCH_LINES)

# Decisions per second of the pure credit engine on the default ruleset. Release build.
BENCH_DECISIONS ?= 1000000
bench-credit: db-start
	cargo build --release -p server
	@eval "$$(scripts/pg-pair.sh env)"; export DATABASE_URL APP_ENV=demo RUST_LOG=warn; \
	$(CARGO_TARGET_DIR)/release/server bench-credit --decisions $(BENCH_DECISIONS)

# N clients doing create → capture against the real router on a fresh kreditor_bench_orders
# database (synchronous standby on), interleaved round by round with pgbench running the same
# statements (the ceiling) and pgbench doing only the pair's two commits (the commit floor).
BENCH_CLIENTS ?= 8
BENCH_ORDERS ?= 1000
BENCH_ROUNDS ?= 3
bench-orders: db-start
	cargo build --release -p server
	@eval "$$(scripts/pg-pair.sh env)"; export DATABASE_URL DATABASE_READ_URL APP_ENV=demo RUST_LOG=warn; \
	$(CARGO_TARGET_DIR)/release/server bench-orders --clients $(BENCH_CLIENTS) --orders $(BENCH_ORDERS) --rounds $(BENCH_ROUNDS)

# One-page invoice PDFs per second on one thread vs reportlab drawing the same page (the venv's
# scripts/bench_documents_reportlab.py), interleaved A B A B; then a 10,000-invoice print batch
# into one PDF (time, peak RSS, bytes per invoice). Release build; no database is used.
BENCH_INVOICES ?= 2000
BENCH_DOC_ROUNDS ?= 5
BENCH_BATCH ?= 10000
bench-documents: db-start
	@scripts/install-deps.sh --bench
	cargo build --release -p server
	@eval "$$(scripts/pg-pair.sh env)"; export DATABASE_URL APP_ENV=demo RUST_LOG=warn; \
	$(CARGO_TARGET_DIR)/release/server bench-documents --invoices $(BENCH_INVOICES) --rounds $(BENCH_DOC_ROUNDS) --batch $(BENCH_BATCH)

## ---- operating the pair -----------------------------------------------------------------

db-start:
	@scripts/pg-pair.sh start

db-stop:
	@scripts/pg-pair.sh stop

db-status:
	@scripts/pg-pair.sh status

db-failover:
	@scripts/pg-pair.sh failover

db-destroy:
	@scripts/pg-pair.sh destroy
