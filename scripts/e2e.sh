#!/usr/bin/env bash
# e2e.sh — the browser tests: starts the real server (APP_ENV=test) on a fresh database of the
# test pair, creates an admin, a finance user and a merchant with a portal owner, runs
# Playwright (Debian Chromium) in end2end/, stops the server.
#
# Needs: the server binary and target/site built (make build), the test pair running
# (make test-db), chromium and end2end/node_modules (scripts/install-deps.sh --browser).
# Environment: SERVER_BIN, SITE_ROOT, TEST_PG_PRIMARY_PORT, TEST_PG_STANDBY_PORT, E2E_PORT.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
SERVER_BIN=${SERVER_BIN:-$REPO/target/debug/server}
SITE_ROOT=${SITE_ROOT:-$REPO/target/site}
P1=${TEST_PG_PRIMARY_PORT:-5450}
P2=${TEST_PG_STANDBY_PORT:-5451}
E2E_PORT=${E2E_PORT:-3100}
DB=kreditor_e2e
LOG=$(mktemp /tmp/kreditor-e2e-server.XXXXXX.log)

die() { echo "e2e: $*" >&2; exit 1; }
[ -x "$SERVER_BIN" ] || die "no server binary at $SERVER_BIN (run make build)"
[ -f "$SITE_ROOT/pkg/kreditor.wasm" ] || die "no hydration bundle in $SITE_ROOT/pkg (run make build)"
if (exec 3<>"/dev/tcp/127.0.0.1/$E2E_PORT") 2>/dev/null; then
  die "port $E2E_PORT is already in use: set E2E_PORT to a free port"
fi

# A fresh database on whichever node is the primary.
primary=""
for p in "$P1" "$P2"; do
  if [ "$(psql -h 127.0.0.1 -p "$p" -U postgres -d postgres -Atc 'select pg_is_in_recovery()' 2>/dev/null)" = f ]; then
    primary=$p
  fi
done
[ -n "$primary" ] || die "no test PostgreSQL primary on ports $P1/$P2 (run make test-db)"
psql -q -h 127.0.0.1 -p "$primary" -U postgres -d postgres \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null

# Demo mode: the server seeds demo books at start, which the bookkeeping test reads.
export APP_ENV=demo
export DATABASE_URL="postgres://postgres@127.0.0.1:$P1,127.0.0.1:$P2/$DB"
export DATABASE_READ_URL="$DATABASE_URL"
export BIND_ADDR="127.0.0.1:$E2E_PORT"
# Readiness and metrics live on the internal listener; its own port so parallel runs don't clash.
export INTERNAL_BIND_ADDR="${INTERNAL_BIND_ADDR:-127.0.0.1:$((E2E_PORT + 1000))}"
E2E_INTERNAL_URL="http://$INTERNAL_BIND_ADDR"
export SITE_ROOT
export LOG_FORMAT=json
# Every browser test signs in from 127.0.0.1: a login budget for one address would throttle
# the suite, not an attacker (the limits themselves are tested in server/tests/it/).
export LOGIN_RATE_PER_IP=${LOGIN_RATE_PER_IP:-600}
# The browser tests and the API fuzz run all come from 127.0.0.1, faster than a client should:
# the order API's per-address limit is off here (its own integration test covers it).
export API_IP_RATE_LIMIT=${API_IP_RATE_LIMIT:-0}

"$SERVER_BIN" migrate >/dev/null
created=$("$SERVER_BIN" create-staff --email e2e-admin@kreditor.test --role admin --name "E2E Admin")
E2E_PASSWORD=$(sed -n 's/^Password (shown once): //p' <<<"$created")
[ -n "$E2E_PASSWORD" ] || die "create-staff printed no password"
finance=$("$SERVER_BIN" create-staff --email e2e-finance@kreditor.test --role finance --name "E2E Finance")
E2E_FINANCE_PASSWORD=$(sed -n 's/^Password (shown once): //p' <<<"$finance")
export E2E_EMAIL=e2e-admin@kreditor.test E2E_PASSWORD E2E_BASE_URL="http://127.0.0.1:$E2E_PORT"
export E2E_FINANCE_EMAIL=e2e-finance@kreditor.test E2E_FINANCE_PASSWORD
# A merchant with an owner login for the portal tests.
merchant=$("$SERVER_BIN" create-merchant --name "E2E Webbshop AB" --country SE --org-nr 559900-0001 --email e2e-shop@kreditor.test)
MERCHANT_ID=$(sed -n 's/^Merchant id: //p' <<<"$merchant")
[ -n "$MERCHANT_ID" ] || die "create-merchant printed no merchant id"
owner=$("$SERVER_BIN" create-merchant-user --merchant "$MERCHANT_ID" --email e2e-owner@webbshop.test --role owner)
E2E_MERCHANT_PASSWORD=$(sed -n 's/^Password (shown once): //p' <<<"$owner")
[ -n "$E2E_MERCHANT_PASSWORD" ] || die "create-merchant-user printed no password"
export E2E_MERCHANT_EMAIL=e2e-owner@webbshop.test E2E_MERCHANT_PASSWORD
# The e-store's API credentials (the browser tests create orders through the API, as a shop
# would) and a person of the demo registry to order for.
key=$("$SERVER_BIN" create-api-key --merchant "$MERCHANT_ID" --label e2e)
KEY_ID=$(sed -n 's/^API key id: //p' <<<"$key")
SECRET=$(sed -n 's/^Secret (shown once): //p' <<<"$key")
[ -n "$KEY_ID" ] && [ -n "$SECRET" ] || die "create-api-key printed no key"
PERSON=$(awk -F, '$1 == "SE" { print $2; exit }' "$REPO/server/data/registry-demo.csv")
export E2E_API_KEY_ID="$KEY_ID" E2E_API_SECRET="$SECRET" E2E_PERSON="$PERSON"

"$SERVER_BIN" serve >"$LOG" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if curl -fsS "$E2E_INTERNAL_URL/health/ready" >/dev/null 2>&1; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$LOG" >&2; die "the server exited"; }
  sleep 0.2
done
curl -fsS "$E2E_INTERNAL_URL/health/ready" >/dev/null || { tail -20 "$LOG" >&2; die "the server never became ready"; }

cd "$REPO/end2end"
if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test; then
  echo "e2e: server log (last 40 lines):" >&2
  tail -40 "$LOG" >&2
  exit 1
fi

# The order API fuzzed by schemathesis, with an order of the e2e merchant to work on.
order=$(curl -fsS -u "$KEY_ID:$SECRET" -H 'Content-Type: application/json' "$E2E_BASE_URL/v1/orders" \
  -d "{\"purchase_country\":\"SE\",\"purchase_currency\":\"SEK\",\"order_amount\":10000,\"order_tax_amount\":2000,\"order_lines\":[{\"name\":\"Sko\",\"quantity\":1,\"unit_price\":10000,\"tax_rate\":2500,\"total_amount\":10000,\"total_tax_amount\":2000}],\"customer\":{\"national_identification_number\":\"$PERSON\"}}") \
  || die "could not create the order for the API fuzz test"
ORDER_ID=$(sed -E 's/.*"order_id":"([^"]+)".*/\1/' <<<"$order")
"$REPO/scripts/api-fuzz.sh" "$E2E_BASE_URL" "$KEY_ID:$SECRET" "$ORDER_ID" "$PERSON" \
  || { tail -40 "$LOG" >&2; die "the API fuzz test failed"; }

# Graceful shutdown: SIGTERM drains and exits 0 by itself.
kill -TERM "$server_pid"
for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$server_pid" 2>/dev/null; then die "the server did not stop within 10 s of SIGTERM"; fi
wait "$server_pid" || die "the server exited with status $? after SIGTERM"
grep -q "shut down cleanly" "$LOG" || die "no clean shutdown in the server log"
echo "e2e: server shut down cleanly on SIGTERM"
trap - EXIT
rm -f "$LOG"
