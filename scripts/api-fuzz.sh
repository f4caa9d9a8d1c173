#!/usr/bin/env bash
# api-fuzz.sh — schemathesis against the running server's order API: generated requests for
# every documented operation (a bounded number per operation, fixed seed), failing on any 5xx,
# an undocumented status code, a wrong content type or a body that breaks the schema.
#
# Usage: scripts/api-fuzz.sh BASE_URL KEY_ID:SECRET ORDER_ID
# ORDER_ID is an existing order of that merchant, so operations on /v1/orders/{order_id}/…
# reach their logic instead of answering 404 to random ids.
set -euo pipefail
BASE=$1 AUTH=$2 ORDER_ID=$3
VENV=${KREDITOR_VENV:-/var/tmp/kreditor-venv}
EXAMPLES=${API_FUZZ_EXAMPLES:-20}
[ -x "$VENV/bin/schemathesis" ] || { echo "api-fuzz: no schemathesis in $VENV (scripts/install-deps.sh --browser)" >&2; exit 1; }
dir=$(mktemp -d /tmp/kreditor-api-fuzz.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/schemathesis.toml" <<TOML
[parameters]
"path.order_id" = "$ORDER_ID"
TOML
cd "$dir"
"$VENV/bin/schemathesis" run "$BASE/v1/openapi.json" -a "$AUTH" -n "$EXAMPLES" --seed 1 --no-shrink \
  --phases examples,coverage,fuzzing \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
echo "api-fuzz: no failures"
