#!/usr/bin/env bash
# install-deps.sh — installs what building and testing Kreditor needs on a fresh Debian 12
# machine. Every step is skipped when already present; one line per step.
#   PostgreSQL 15 server + client   (scripts/pg-pair.sh runs a primary + hot standby)
#   rustup target wasm32-unknown-unknown and wasm-bindgen-cli =0.2.130 (hydration build)
#   with --browser: Debian's chromium and the npm packages of end2end/ (Playwright tests)
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

usage() {
  cat <<'EOF'
Usage: scripts/install-deps.sh [--browser] [--bench]

Installs, when missing: postgresql-15 and postgresql-client-15 (apt), the rustup target
wasm32-unknown-unknown, and wasm-bindgen-cli 0.2.130 (cargo install, ~8 minutes).
  --browser   also chromium (apt) and the npm packages of end2end/ (browser tests)
  --bench     also ledger (apt), the reference of `make bench-ledger`, and reportlab (PyPI,
              in the venv below), the reference of `make bench-documents`
Runs apt-get as root, through sudo when not root; without either it prints what to install
and exits 1.
EOF
}

step() { printf '%-24s %s\n' "$1" "$2"; }
fail() { printf 'install-deps: error: %s\n' "$*" >&2; exit 1; }

BROWSER=0
BENCH=0
for arg in "$@"; do
  case $arg in
    --browser) BROWSER=1 ;;
    --bench) BENCH=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

installed() {  # is Debian package $1 installed?
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

apt_packages() {
  # qpdf and poppler-utils: the invoice PDF tests check files with qpdf, pdffonts, pdftotext.
  # libxml2-utils: xmllint, the bank-file tests validate generated camt.054 against the ISO XSD.
  local wanted=(postgresql-15 postgresql-client-15 qpdf poppler-utils libxml2-utils) missing=() pkg
  if [ "$BROWSER" = 1 ]; then
    wanted+=(chromium curl)
    # schemathesis (PyPI) fuzzes the order API against its OpenAPI document in a venv.
    if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then wanted+=(python3-venv); fi
    # npm is needed for end2end/; Debian's nodejs/npm only when none is on PATH already.
    if ! command -v npm >/dev/null 2>&1; then wanted+=(nodejs npm); fi
  fi
  # ledger-cli: the reference the ledger benchmark compares with; a venv for reportlab.
  if [ "$BENCH" = 1 ]; then
    wanted+=(ledger)
    if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then wanted+=(python3-venv); fi
  fi
  for pkg in "${wanted[@]}"; do
    if installed "$pkg"; then step "$pkg" "already installed"; else missing+=("$pkg"); fi
  done
  [ "${#missing[@]}" -gt 0 ] || return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      fail "not root and no sudo: as root, run" \
        "'apt-get update && apt-get install -y ${missing[*]}', then run this script again"
    fi
  fi
  step "apt-get update" "running (packages missing: ${missing[*]})"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  for pkg in "${missing[@]}"; do
    installed "$pkg" || fail "apt-get did not install $pkg"
    step "$pkg" "installed"
  done
}

rust_tools() {
  # rustup installs into ~/.cargo/bin, which non-login shells may not have on PATH.
  # shellcheck disable=SC1091
  if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
  if ! command -v rustup >/dev/null 2>&1 || ! command -v cargo >/dev/null 2>&1; then
    fail "rustup/cargo not found: install Rust with rustup (https://rustup.rs) first"
  fi

  local targets; targets=$(rustup target list --installed)
  if grep -qx wasm32-unknown-unknown <<<"$targets"; then
    step "wasm32 target" "already installed"
  else
    rustup target add wasm32-unknown-unknown >/dev/null
    step "wasm32 target" "installed"
  fi

  # wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock. No --locked: the
  # locked build fails to resolve (see the project's stack notes).
  local have
  have=$( (wasm-bindgen --version 2>/dev/null || true) | awk '{ print $2 }')
  if [ "$have" = "$WASM_BINDGEN_VERSION" ]; then
    step "wasm-bindgen-cli" "$WASM_BINDGEN_VERSION already installed"
  else
    step "wasm-bindgen-cli" "installing $WASM_BINDGEN_VERSION${have:+ (found $have)}, ~8 min"
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
    have=$( (wasm-bindgen --version 2>/dev/null || true) | awk '{ print $2 }')
    [ "$have" = "$WASM_BINDGEN_VERSION" ] || fail "wasm-bindgen on PATH is" \
      "'${have:-missing}' ($(command -v wasm-bindgen || echo 'not found')); put ~/.cargo/bin first"
    step "wasm-bindgen-cli" "$WASM_BINDGEN_VERSION installed"
  fi
}

npm_packages() {
  local dir=$REPO/end2end
  if [ ! -f "$dir/package.json" ]; then
    step "end2end npm packages" "skipped: no end2end/package.json"; return 0
  fi
  command -v npm >/dev/null 2>&1 || fail "npm not found"
  if [ ! -d "$dir/node_modules" ] && [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    step "end2end npm packages" "installed (npm ci)"
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
    step "end2end npm packages" "up to date (npm install)"
  fi
}

# The schemathesis version the API fuzz test is written against.
SCHEMATHESIS_VERSION=4.32.5
VENV=${KREDITOR_VENV:-/var/tmp/kreditor-venv}

python_packages() {
  if [ -x "$VENV/bin/schemathesis" ] \
    && "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    step "schemathesis" "$SCHEMATHESIS_VERSION already installed in $VENV"; return 0
  fi
  python3 -m venv "$VENV" || fail "python3 -m venv $VENV failed"
  "$VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION" || fail "pip install schemathesis failed"
  step "schemathesis" "$SCHEMATHESIS_VERSION installed in $VENV"
}

# The reportlab version the documents benchmark compares with (PyPI, in the same venv).
REPORTLAB_VERSION=5.1.0

reportlab_package() {
  if [ -x "$VENV/bin/python" ] && [ "$("$VENV/bin/python" -c \
    'import reportlab; print(reportlab.Version)' 2>/dev/null)" = "$REPORTLAB_VERSION" ]; then
    step "reportlab" "$REPORTLAB_VERSION already installed in $VENV"; return 0
  fi
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || fail "python3 -m venv $VENV failed"
  "$VENV/bin/pip" install -q "reportlab==$REPORTLAB_VERSION" || fail "pip install reportlab failed"
  step "reportlab" "$REPORTLAB_VERSION installed in $VENV"
}

apt_packages
rust_tools
if [ "$BROWSER" = 1 ]; then npm_packages; python_packages; fi
if [ "$BENCH" = 1 ]; then reportlab_package; fi
