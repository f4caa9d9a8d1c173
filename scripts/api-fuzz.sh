#!/usr/bin/env bash
# api-fuzz.sh — schemathesis against the running server's order API, with every check
# (`--checks all`: 5xx, undocumented status, content type, response schema, schema-invalid data
# accepted, schema-valid data refused, …) over the examples, coverage, fuzzing and stateful
# phases. The stateful phase follows the document's links: create → capture → refund (and the
# reads and order changes linked from them). A fixed seed and a bounded number of examples per
# operation keep it to a few minutes.
#
# positive_data_acceptance: the operations whose bodies carry rules JSON Schema cannot express
# (line sums, the merchant's currency, national id check digits, batch file lines) may answer
# 422, and only for those rules (scripts/api-fuzz-hooks.py checks each such 422's problems).
#
# Usage: scripts/api-fuzz.sh BASE_URL KEY_ID:SECRET ORDER_ID PERSON
# ORDER_ID is an existing order of that merchant, so operations on /v1/orders/{order_id}/…
# reach their logic instead of answering 404 to random ids (examples, coverage, fuzzing).
# The stateful phase runs on its own, without that fixed id, so its steps use the ids the
# links carry from each response; PERSON (a national id of the demo registry) lets its
# createOrder steps be approved (scripts/api-fuzz-hooks.py). It must cover most links.
set -euo pipefail
BASE=$1 AUTH=$2 ORDER_ID=$3 PERSON=$4
MIN_LINKS=${API_FUZZ_MIN_LINKS:-15}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
VENV=${KREDITOR_VENV:-/var/tmp/kreditor-venv}
EXAMPLES=${API_FUZZ_EXAMPLES:-20}
[ -x "$VENV/bin/schemathesis" ] || { echo "api-fuzz: no schemathesis in $VENV (scripts/install-deps.sh --browser)" >&2; exit 1; }
dir=$(mktemp -d /tmp/kreditor-api-fuzz.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cp "$HERE/api-fuzz-hooks.py" "$dir/kreditor_fuzz_hooks.py"
# $1: the [parameters] table (empty for the stateful run).
config() {
  cat <<TOML
hooks = "kreditor_fuzz_hooks"
$1
[phases.stateful]
max-steps = 40

[[operations]]
include-operation-id = ["createOrder", "captureOrder", "refundOrder", "updateAuthorization", "createBatch"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429"]
TOML
}
cd "$dir"
export PYTHONPATH="$dir${PYTHONPATH:+:$PYTHONPATH}" KREDITOR_FUZZ_PERSON="$PERSON"
run() {
  "$VENV/bin/schemathesis" run "$BASE/v1/openapi.json" -a "$AUTH" -n "$EXAMPLES" --seed 1 --no-shrink \
    --checks all "$@"
}
config "$(printf '[parameters]\n"path.order_id" = "%s"\n' "$ORDER_ID")" >schemathesis.toml
run --phases examples,coverage,fuzzing
config "" >schemathesis.toml
run --phases stateful | tee stateful.log
covered=$(sed -n 's/.*API Links: *\([0-9]*\) covered.*/\1/p' stateful.log | head -1)
if [ -z "$covered" ] || [ "$covered" -lt "$MIN_LINKS" ]; then
  echo "api-fuzz: the stateful phase followed ${covered:-no} links (at least $MIN_LINKS expected)" >&2
  exit 1
fi
echo "api-fuzz: no failures; the stateful phase followed $covered links"
