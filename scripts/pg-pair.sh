#!/usr/bin/env bash
# pg-pair.sh — a local PostgreSQL 15 primary + streaming hot standby with synchronous replication,
# on 127.0.0.1 only, for development, tests and CI. Run `scripts/pg-pair.sh help` for usage.
# It follows the project's measured notes, postgres-pair.md: the recipe, and the numbered
# pitfalls cited below.
#
# Layout of PG_DIR (default <repo>/.pgdata; /var/tmp/kreditor-pg-<hash> when the postgres user
# cannot reach the checkout, pitfall 7):
#   n1/, n2/            data directories. n1 starts as the primary and n2 as its standby;
#                       `failover` swaps the roles, so either node can hold either role.
#                       A node is a standby exactly when nX/standby.signal exists.
#   n1.port, n2.port    each node's port, fixed when the node is created. It is passed on the
#                       pg_ctl command line, never put in postgresql.conf: pg_basebackup and
#                       pg_rewind copy the config files from the other node.
#   n1.log, n2.log      server logs (also initdb/pg_basebackup output); nX.rewind.log: pg_rewind.
#   .s.PGSQL.<port>     unix sockets (PG_DIR is mode 700: only postgres and root reach them).
#   failover.state      "<old> <new>" while a failover is past promotion; start/failover finish it.
#   .kreditor-pg-pair   marker: this script only reuses, chowns or deletes directories with it.
#   fast                present when the pair was made with PG_FAST=1 (later clones and
#                       rewinds of it skip fsync too).
#   .lock               flock(1) lock so that two invocations don't work on the pair at once.
# Each standby streams through a physical replication slot named after it (n1/n2) that lives on
# the current primary. Server commands run as the postgres user: PostgreSQL refuses root.
set -euo pipefail
umask 022

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
# shellcheck disable=SC2034  # read indirectly in cmd_start
PORT_FROM_ENV_n1=${PG_PRIMARY_PORT:-}  # remembered to warn when a stored port differs
# shellcheck disable=SC2034
PORT_FROM_ENV_n2=${PG_STANDBY_PORT:-}
PG_PRIMARY_PORT=${PG_PRIMARY_PORT:-5440}
PG_STANDBY_PORT=${PG_STANDBY_PORT:-5441}
PG_SYNC=${PG_SYNC:-on}
PG_FAST=${PG_FAST:-0}
PG_DATABASE=${PG_DATABASE:-kreditor}
WAIT_SECONDS=30
MARKER=.kreditor-pg-pair
NOTE=""
# libpq/pg_ctl variables of the caller must not redirect the connections this script makes.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGSERVICEFILE PGOPTIONS \
      PGTARGETSESSIONATTRS PGDATA PGPASSFILE PGPASSWORD PGSSLMODE PGCONNECT_TIMEOUT

usage() {
  cat <<'EOF'
Usage: scripts/pg-pair.sh COMMAND

A PostgreSQL 15 primary + streaming hot standby (synchronous replication) on 127.0.0.1.

Commands:
  start         create the pair if missing, start stopped nodes, wait until the standby
                streams, create PG_DATABASE and apply PG_SYNC on the primary (idempotent)
  stop          fast-stop both nodes, standby first
  status        per node: port, running or not, role; the primary's replication rows
  failover      swap roles: stop the primary, promote the standby, rejoin the old primary as
                standby (pg_rewind, else a fresh pg_basebackup), restore PG_SYNC
  rejoin NODE   make NODE (n1 or n2) a standby of the other node (after a manual promotion)
  destroy       stop both nodes and delete PG_DIR
  env           print DATABASE_URL and DATABASE_READ_URL (both hosts; libpq-style clients
                pick the node by role with target_session_attrs)
  primary-port  print the port of the current primary (exit 1 if none is running)
  standby-port  print the port of the current standby (exit 1 if none is running)

Environment:
  PG_DIR           directory of the pair (default <repo>/.pgdata, or
                   /var/tmp/kreditor-pg-<hash> when the postgres user cannot reach the repo)
  PG_PRIMARY_PORT  port of n1, the first primary (default 5440)  } used when a node is created,
  PG_STANDBY_PORT  port of n2, the first standby (default 5441)  } then kept in PG_DIR/nX.port
  PG_SYNC          on (default): synchronous_standby_names='*'; off: asynchronous replication
  PG_DATABASE      application database created on the primary (default kreditor)
  PG_FAST=1        initdb --no-sync and fsync=off: throwaway test clusters only
EOF
}

say()  { printf 'pg-pair: %s\n' "$*"; }
warn() { printf 'pg-pair: warning: %s\n' "$*" >&2; }
die()  { printf 'pg-pair: error: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
since() { local d=$(( $(now_ms) - $1 )); printf '%d.%d' $((d / 1000)) $(((d % 1000) / 100)); }

# ---------------------------------------------------------------- environment and binaries

validate_env() {
  local p
  for p in "$PG_PRIMARY_PORT" "$PG_STANDBY_PORT"; do
    [[ $p =~ ^[0-9]+$ ]] && [ "$p" -ge 1 ] && [ "$p" -le 65535 ] || die "invalid port '$p'"
  done
  [[ $PG_SYNC == on || $PG_SYNC == off ]] || die "PG_SYNC must be 'on' or 'off', not '$PG_SYNC'"
  [[ $PG_FAST == 0 || $PG_FAST == 1 || -z $PG_FAST ]] || die "PG_FAST must be 1 or 0"
  [[ $PG_DATABASE =~ ^[a-z_][a-z0-9_]*$ ]] || die "PG_DATABASE must be a plain lower-case name"
}

find_binaries() {
  local d=""
  if command -v pg_config >/dev/null 2>&1; then d=$(pg_config --bindir 2>/dev/null || true); fi
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then d=/usr/lib/postgresql/15/bin; fi
  [ -x "$d/initdb" ] && [ -x "$d/pg_rewind" ] ||
    die "PostgreSQL 15 server binaries not found in $d: run scripts/install-deps.sh"
  PG_BIN=$d
  IS_ROOT=0
  if [ "$(id -u)" -eq 0 ]; then
    IS_ROOT=1
    id -u postgres >/dev/null 2>&1 || die "no 'postgres' user: run scripts/install-deps.sh"
  fi
}

# Runs a command as the server user (PostgreSQL refuses root). `9>&-` keeps the lock's file
# descriptor out of the long-lived server processes, or they would hold the lock forever.
as_pg() {
  if [ "$IS_ROOT" = 1 ]; then runuser -u postgres -- "$@" 9>&-; else "$@" 9>&-; fi
}
pg() { local tool=$1; shift; as_pg "$PG_BIN/$tool" "$@"; }

# sql PORT QUERY [DB]: one statement over TCP; tuples only, unaligned.
sql() {
  pg psql -X -q -At -v ON_ERROR_STOP=1 \
    -d "host=127.0.0.1 port=$1 user=postgres dbname=${3:-postgres} connect_timeout=5" -c "$2"
}

# ---------------------------------------------------------------- PG_DIR (pitfall 7)

# Can the server user reach $1? It must be able to search every parent directory; a missing
# directory is created by us, so its nearest existing ancestor is what counts.
can_reach() {
  local d; d=$(dirname "$1")
  while [ ! -e "$d" ]; do d=$(dirname "$d"); done
  as_pg test -x "$d"
}

resolve_pg_dir() {
  if [ -n "${PG_DIR:-}" ]; then
    PG_DIR=$(realpath -m -- "$PG_DIR")
    can_reach "$PG_DIR" || die "PG_DIR=$PG_DIR is not reachable by the postgres user: every" \
      "parent directory needs the execute bit for it (pitfall 7; a home directory of mode 700" \
      "is not). Choose a directory such as /var/tmp/kreditor-pg."
  else
    PG_DIR=$REPO/.pgdata
    if ! can_reach "$PG_DIR"; then
      local h; h=$(printf '%s' "$REPO" | sha256sum | cut -c1-12)
      NOTE="the postgres user cannot reach $REPO (a parent directory is private, e.g. a home"
      NOTE+=" directory of mode 700), so the pair lives in /var/tmp/kreditor-pg-$h instead of"
      NOTE+=" $PG_DIR. Set PG_DIR to choose another place."
      PG_DIR=/var/tmp/kreditor-pg-$h
    fi
  fi
  STATE=$PG_DIR/failover.state
  if [ -f "$PG_DIR/fast" ]; then PG_FAST=1; fi
}

# Creates PG_DIR owned by the server user, refusing directories this script did not make.
prepare_dir() {
  if [ -e "$PG_DIR" ]; then
    [ -d "$PG_DIR" ] || die "PG_DIR=$PG_DIR exists and is not a directory"
    if [ ! -e "$PG_DIR/$MARKER" ] && [ -n "$(ls -A "$PG_DIR")" ]; then
      die "PG_DIR=$PG_DIR is not empty and was not made by pg-pair.sh; refusing to use it"
    fi
  else
    mkdir -p "$PG_DIR"
  fi
  if [ "$IS_ROOT" = 1 ]; then chown postgres:postgres "$PG_DIR"; fi
  chmod 700 "$PG_DIR"
  as_pg test -w "$PG_DIR" -a -x "$PG_DIR" || die "the postgres user cannot write $PG_DIR"
  as_pg touch "$PG_DIR/$MARKER"
}

have_dir() { [ -f "$PG_DIR/$MARKER" ]; }

take_lock() {
  command -v flock >/dev/null 2>&1 || return 0
  as_pg touch "$PG_DIR/.lock"
  exec 9>>"$PG_DIR/.lock"
  flock -w 300 9 || die "another pg-pair.sh has been working on $PG_DIR for 5 minutes"
}

# ---------------------------------------------------------------- nodes

other() { if [ "$1" = n1 ]; then echo n2; else echo n1; fi; }
ndir() { printf '%s/%s' "$PG_DIR" "$1"; }
port_var() { if [ "$1" = n1 ]; then echo PG_PRIMARY_PORT; else echo PG_STANDBY_PORT; fi; }
nport() {
  if [ -f "$PG_DIR/$1.port" ]; then cat "$PG_DIR/$1.port"
  elif [ "$1" = n1 ]; then echo "$PG_PRIMARY_PORT"
  else echo "$PG_STANDBY_PORT"; fi
}
store_port() { [ -f "$PG_DIR/$1.port" ] || nport "$1" | as_pg tee "$PG_DIR/$1.port" >/dev/null; }
exists() { [ -f "$PG_DIR/$1/PG_VERSION" ]; }
# Running = pg_ctl says so and the postmaster is not a zombie: a killed postmaster waits for
# PID 1 to reap it, and on this kind of machine (firecracker init) that took about a second.
running() {
  exists "$1" && pg pg_ctl status -D "$(ndir "$1")" >/dev/null 2>&1 || return 1
  [ "$(proc_state "$(postmaster_pid "$1")")" != Z ]
}
postmaster_pid() { head -n 1 "$PG_DIR/$1/postmaster.pid" 2>/dev/null || true; }
proc_state() { if [ -n "$1" ]; then awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true; fi; }
# Until the zombie is gone, postgres (and pg_rewind's crash recovery) see the pid file's owner as
# alive and refuse to start.
wait_reaped() {
  local pid; pid=$(postmaster_pid "$1")
  for _ in $(seq 100); do
    if [ "$(proc_state "$pid")" != Z ]; then return 0; fi
    sleep 0.1
  done
}
standby_file() { [ -f "$PG_DIR/$1/standby.signal" ]; }
log_file() { as_pg touch "$PG_DIR/$1.log"; echo "$PG_DIR/$1.log"; }
show_log() {
  if [ -f "$PG_DIR/$1" ]; then
    printf 'pg-pair: --- last lines of %s ---\n' "$PG_DIR/$1" >&2
    tail -n 20 "$PG_DIR/$1" | sed 's/^/    /' >&2
  fi
}

# The node that is (or, when stopped, will start as) the primary.
primary_node() {
  local n found=""
  for n in n1 n2; do
    if exists "$n" && ! standby_file "$n"; then
      [ -z "$found" ] || die "both n1 and n2 are primaries (a promotion outside this script?)." \
        "Make one a standby, discarding its writes since the split: scripts/pg-pair.sh rejoin nX"
      found=$n
    fi
  done
  [ -n "$found" ] || die "neither node in $PG_DIR is a primary; 'destroy' and 'start' again"
  echo "$found"
}

port_owner() {
  if command -v ss >/dev/null 2>&1; then
    { ss -Hltnp "sport = :$1" 2>/dev/null || true; } |
      sed -nE '1s/.*users:\(\("([^"]+)",pid=([0-9]+).*/\1, pid \2/p'
  fi
}

# Fails clearly when something other than this (stopped) node answers on its port.
check_port_free() {
  local n=$1 port rc=0 what var
  port=$(nport "$n"); var=$(port_var "$n")
  pg pg_isready -q -h 127.0.0.1 -p "$port" -t 2 >/dev/null 2>&1 || rc=$?
  if [ "$rc" -le 1 ]; then what="another PostgreSQL server"
  elif timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$port" 2>/dev/null; then
    what="a program that is not PostgreSQL"
  else return 0; fi
  local owner; owner=$(port_owner "$port")
  if [ -n "$owner" ]; then what+=" ($owner)"; fi
  if [ -f "$PG_DIR/$n.port" ]; then
    die "port $port on 127.0.0.1 is already in use by $what, and node $n needs it: its port" \
      "was fixed from $var when the pair was created (stored in $PG_DIR/$n.port). Stop the" \
      "other program, or run 'scripts/pg-pair.sh destroy' and start again with another $var."
  fi
  die "port $port on 127.0.0.1 is already in use by $what. Set $var to a free port for $n."
}

# start_node NODE [soft]: soft returns 1 instead of failing the script.
start_node() {
  local n=$1 port log; port=$(nport "$n")
  if running "$n"; then return 0; fi
  kill_orphans "$n"
  wait_reaped "$n"
  check_port_free "$n"
  log=$(log_file "$n")
  say "starting $n on port $port"
  # Port and cluster_name on the command line, not in postgresql.conf (see the header).
  pg pg_ctl start -D "$(ndir "$n")" -l "$log" -w -t 60 -o "-p $port -c cluster_name=$n" \
    >/dev/null 2>&1 && return 0
  show_log "$n.log"
  if [ "${2:-}" = soft ]; then warn "$n did not start on port $port"; return 1; fi
  die "$n did not start on port $port"
}

# stop_node NODE [SECONDS]: fast stop; if that times out, immediate; if the postmaster is
# frozen (SIGSTOP), SIGKILL. A node that turns out to have crashed counts as stopped.
stop_node() {
  local n=$1 d; d=$(ndir "$1")
  if ! running "$n"; then kill_orphans "$n"; return 0; fi
  say "stopping $n (port $(nport "$n"))"
  pg pg_ctl stop -D "$d" -m fast -w -t "${2:-30}" >/dev/null 2>&1 && return 0
  if ! running "$n"; then kill_orphans "$n"; return 0; fi
  warn "$n did not stop with -m fast; using -m immediate"
  pg pg_ctl stop -D "$d" -m immediate -w -t 5 >/dev/null 2>&1 && return 0
  if running "$n"; then
    warn "$n does not react to pg_ctl stop; killing its postmaster"
    kill -KILL "$(postmaster_pid "$n")" 2>/dev/null || true
    for _ in $(seq 50); do if running "$n"; then sleep 0.1; else break; fi; done
    ! running "$n" || die "cannot stop $n"
  fi
  kill_orphans "$n"
}

# When a node's postmaster was killed, its backends can outlive it (e.g. a walsender paused
# with SIGSTOP, pitfall 6). They keep the old shared memory attached, and then neither a
# restart nor pg_rewind's crash recovery can run. Server processes run in their data directory.
kill_orphans() {
  local d p comm pids=(); d=$(ndir "$1")
  if running "$1"; then return 0; fi   # a live postmaster's children are no orphans
  # shellcheck disable=SC2044  # the paths are /proc/<pid>/cwd
  for p in $(find /proc/[0-9]*/cwd -maxdepth 0 -lname "$d" 2>/dev/null || true); do
    p=${p#/proc/}; p=${p%/cwd}
    comm=$(cat "/proc/$p/comm" 2>/dev/null || true)
    if [ "$comm" = postgres ]; then pids+=("$p"); fi
  done
  if [ "${#pids[@]}" -gt 0 ]; then
    warn "killing processes left over from crashed $1: ${pids[*]}"
    kill -KILL "${pids[@]}" 2>/dev/null || true
    local alive
    for _ in $(seq 100); do   # until they have exited (a zombie holds no shared memory)
      alive=0
      for p in "${pids[@]}"; do
        if ! [[ $(proc_state "$p") =~ ^Z?$ ]]; then alive=1; fi
      done
      if [ "$alive" = 0 ]; then break; fi
      sleep 0.05
    done
  fi
}

# ---------------------------------------------------------------- building nodes

# initdb a node into nX.new, configure it, then rename: an interrupted run leaves no half node.
init_primary() {
  local n=$1 d log sockdir; d=$(ndir "$n"); log=$(log_file "$n")
  local extra=(); if [ "$PG_FAST" = 1 ]; then extra+=(--no-sync); fi
  as_pg rm -rf "$d.new"
  say "initdb $n"
  # -k (data checksums) and wal_log_hints: pg_rewind needs one of them, we keep both.
  pg initdb -D "$d.new" -U postgres -k -E UTF8 --locale=C.UTF-8 --auth-local=trust \
    --auth-host=trust "${extra[@]}" >>"$log" 2>&1 || { show_log "$n.log"; die "initdb failed"; }
  # Unix socket paths are limited to 107 bytes; all our connections use TCP anyway.
  sockdir=$PG_DIR
  if [ $(( ${#PG_DIR} + 16 )) -gt 107 ]; then sockdir=""; fi
  {
    echo "# --- added by scripts/pg-pair.sh; pg_basebackup/pg_rewind copy it to the other node"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$sockdir'"
    echo "max_connections = 200"
    echo "wal_level = replica"
    echo "max_wal_senders = 10"
    echo "max_replication_slots = 10"
    echo "hot_standby = on"
    echo "hot_standby_feedback = on"
    echo "wal_log_hints = on"
    echo "wal_keep_size = '256MB'"
    echo "wal_receiver_status_interval = '1s'"
    echo "wal_retrieve_retry_interval = '500ms'  # pitfall 2: promotion could wait the 5 s default"
    if [ "$PG_FAST" = 1 ]; then
      echo "fsync = off  # PG_FAST=1: throwaway test clusters only"
      # Tests read lists from the standby right after writing: with remote_apply an
      # acknowledged commit is already replayed there, so such reads are deterministic
      # (production keeps the default: the standby may lag replay by milliseconds).
      echo "synchronous_commit = remote_apply  # PG_FAST=1: throwaway test clusters only"
    fi
  } | as_pg tee -a "$d.new/postgresql.conf" >/dev/null
  as_pg tee "$d.new/pg_hba.conf" >/dev/null <<'EOF'
# scripts/pg-pair.sh: trust, but only on loopback and the private socket directory.
local   all          all                 trust
local   replication  all                 trust
host    all          all   127.0.0.1/32  trust
host    replication  all   127.0.0.1/32  trust
EOF
  as_pg mv "$d.new" "$d"
  store_port "$n"
}

# Makes node $1 a fresh standby of the running primary $2 with pg_basebackup.
clone_node() {
  local t=$1 s=$2 d log sport; d=$(ndir "$t"); log=$(log_file "$t"); sport=$(nport "$s")
  local extra=(); if [ "$PG_FAST" = 1 ]; then extra+=(--no-sync); fi
  as_pg rm -rf "$d.new"
  # A slot left by an earlier attempt would make -C fail.
  sql "$sport" "select pg_drop_replication_slot(slot_name) from pg_replication_slots
                where slot_name = '$t' and not active" >/dev/null
  say "cloning $t from $s with pg_basebackup"
  pg pg_basebackup -h 127.0.0.1 -p "$sport" -U postgres -D "$d.new" -R -C -S "$t" -X stream \
    -c fast "${extra[@]}" >>"$log" 2>&1 || { show_log "$t.log"; die "pg_basebackup failed"; }
  as_pg rm -rf "$d"
  as_pg mv "$d.new" "$d"
  store_port "$t"
  configure_standby "$t" "$s"
}

# Points stopped node $1 at primary $2 through slot "$1". Idempotent.
configure_standby() {
  local t=$1 s=$2 d; d=$(ndir "$t")
  as_pg touch "$d/standby.signal"
  # Later lines win in postgresql.auto.conf, but keep exactly one of each to stay readable.
  as_pg sed -i -e '/^[[:space:]]*primary_conninfo[[:space:]]*=/d' \
    -e '/^[[:space:]]*primary_slot_name[[:space:]]*=/d' "$d/postgresql.auto.conf"
  printf "primary_conninfo = 'host=127.0.0.1 port=%s user=postgres application_name=%s'\n\
primary_slot_name = '%s'\n" "$(nport "$s")" "$t" "$t" |
    as_pg tee -a "$d/postgresql.auto.conf" >/dev/null
  # Slots this node held as a primary would pin WAL on it forever now that it is a standby.
  as_pg find "$d/pg_replslot" -mindepth 1 -delete
}

# Pitfall 5: slots are not carried by basebackup/rewind; create one for a (re)joining node.
ensure_slot() {
  sql "$(nport "$1")" "select pg_create_physical_replication_slot('$2') where not exists
                       (select 1 from pg_replication_slots where slot_name = '$2')" >/dev/null
}

rewind_node() {
  local t=$1 s=$2 log=$PG_DIR/$1.rewind.log
  local extra=(); if [ "$PG_FAST" = 1 ]; then extra+=(--no-sync); fi
  as_pg touch "$log"
  wait_reaped "$t"
  # pg_rewind reads the source's timeline from its control file, which a promotion only
  # updates at the next checkpoint.
  sql "$(nport "$s")" "checkpoint" || return 1
  say "pg_rewind $t from $s"
  pg pg_rewind --target-pgdata="$(ndir "$t")" -R "${extra[@]}" \
    --source-server="host=127.0.0.1 port=$(nport "$s") user=postgres dbname=postgres" \
    >>"$log" 2>&1
}

# Makes node $1 a streaming standby of the running primary $2: pg_rewind, else a re-clone.
rejoin_node() {
  local t=$1 s=$2
  stop_node "$t"
  ensure_slot "$s" "$t"
  if rewind_node "$t" "$s"; then
    configure_standby "$t" "$s"
    if start_node "$t" soft && wait_streaming "$s" "$t" soft; then return 0; fi
    warn "$t does not stream after pg_rewind; re-cloning it with pg_basebackup instead"
    stop_node "$t"
  else
    show_log "$t.rewind.log"
    warn "pg_rewind of $t failed; re-cloning it with pg_basebackup instead (wiping $t)"
  fi
  clone_node "$t" "$s"
  start_node "$t"
  wait_streaming "$s" "$t"
}

# ---------------------------------------------------------------- replication state

answers() { timeout 5 "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$(nport "$1")" -t 2; }

# wait_streaming PRIMARY STANDBY [soft]: until the primary lists the standby as streaming.
wait_streaming() {
  local p=$1 t=$2 port deadline=$((SECONDS + WAIT_SECONDS)) n
  port=$(nport "$p")
  while :; do
    n=$(sql "$port" "select count(*) from pg_stat_replication
                     where application_name = '$t' and state = 'streaming'" 2>/dev/null || true)
    if [ "${n:-0}" -gt 0 ]; then return 0; fi
    if [ "$SECONDS" -ge "$deadline" ]; then break; fi
    sleep 0.2
  done
  if [ "${3:-}" = soft ]; then return 1; fi
  show_log "$p.log"; show_log "$t.log"
  die "$t (port $(nport "$t")) is not streaming from $p (port $port) after ${WAIT_SECONDS}s"
}

# Pitfall 1: with synchronous_standby_names set and no standby, commits block forever, so this
# runs only once the standby streams, and a node being promoted is cleared first.
apply_sync() {
  local p=$1 port want=async; port=$(nport "$p")
  if [ "$PG_SYNC" = on ]; then
    sql "$port" "alter system set synchronous_standby_names = '*'"; want=sync
  else
    sql "$port" "alter system reset synchronous_standby_names"
  fi
  sql "$port" "select pg_reload_conf()" >/dev/null
  for _ in $(seq 50); do
    [ "$(sql "$port" "select sync_state from pg_stat_replication
                      where application_name = '$(other "$p")'")" != "$want" ] || return 0
    sleep 0.1
  done
  warn "the standby's sync_state on $p is not '$want' yet"
}

create_database() {
  local port; port=$(nport "$1")
  if [ -z "$(sql "$port" "select 1 from pg_database where datname = '$PG_DATABASE'")" ]; then
    say "creating database $PG_DATABASE"
    sql "$port" "create database $PG_DATABASE"
  fi
}

# The checkpoint location of a cleanly shut down node, else nothing.
clean_shutdown_lsn() {
  as_pg env LC_ALL=C "$PG_BIN/pg_controldata" -D "$(ndir "$1")" 2>/dev/null |
    awk -F': *' '/^Database cluster state/ { clean = ($2 == "shut down") }
                 /^Latest checkpoint location/ { lsn = $2 }
                 END { if (clean) print lsn }'
}

# ---------------------------------------------------------------- commands

cmd_start() {
  prepare_dir; take_lock
  local t0 p s n; t0=$(now_ms)
  finish_failover
  if ! exists n1 && ! exists n2; then
    if [ "$PG_PRIMARY_PORT" = "$PG_STANDBY_PORT" ]; then
      die "PG_PRIMARY_PORT and PG_STANDBY_PORT are equal"
    fi
    check_port_free n1; check_port_free n2     # before creating anything
    if [ "$PG_FAST" = 1 ]; then as_pg touch "$PG_DIR/fast"; fi
    init_primary n1
    start_node n1
    clone_node n2 n1
  fi
  for s in n1 n2; do
    p=PORT_FROM_ENV_$s
    if [ -n "${!p}" ] && [ -f "$PG_DIR/$s.port" ] && [ "${!p}" != "$(nport "$s")" ]; then
      warn "$s keeps its port $(nport "$s"); $(port_var "$s")=${!p} only applies to a new pair"
    fi
  done
  p=$(primary_node); s=$(other "$p")
  # Check both ports before starting either: a primary with synchronous_standby_names set
  # whose standby cannot start blocks every commit (pitfall 1).
  for n in "$p" "$s"; do if exists "$n" && ! running "$n"; then check_port_free "$n"; fi; done
  start_node "$p"
  if ! exists "$s"; then clone_node "$s" "$p"
  elif ! running "$s"; then configure_standby "$s" "$p"; fi
  start_node "$s"
  ensure_slot "$p" "$s"
  wait_streaming "$p" "$s"
  create_database "$p"
  apply_sync "$p"
  say "ready in $(since "$t0") s: primary $p on port $(nport "$p"), standby $s on port" \
    "$(nport "$s"), PG_SYNC=$PG_SYNC, PG_DIR=$PG_DIR"
}

cmd_stop() {
  have_dir || { say "nothing to stop in $PG_DIR"; return 0; }
  take_lock
  local n
  for n in n1 n2; do if exists "$n" && standby_file "$n"; then stop_node "$n"; fi; done
  for n in n1 n2; do stop_node "$n"; done
}

cmd_status() {
  have_dir || { say "no pair in $PG_DIR"; return 0; }
  local n port role
  echo "PG_DIR $PG_DIR"
  if [ -f "$STATE" ]; then echo "(a failover is unfinished: run start or failover)"; fi
  for n in n1 n2; do
    port=$(nport "$n")
    if ! exists "$n"; then printf '%s  port %s  missing\n' "$n" "$port"; continue; fi
    if ! running "$n"; then
      role=primary; if standby_file "$n"; then role=standby; fi
      printf '%s  port %s  stopped  (%s)\n' "$n" "$port" "$role"; continue
    fi
    if [ "$(sql "$port" "select pg_is_in_recovery()" || echo ?)" = t ]; then
      printf '%s  port %s  running  standby  wal receiver: %s\n' "$n" "$port" \
        "$(sql "$port" "select coalesce((select status || ' from port ' || sender_port
                                         from pg_stat_wal_receiver), 'not connected')")"
    else
      printf '%s  port %s  running  primary  synchronous_standby_names=%s\n' "$n" "$port" \
        "'$(sql "$port" "show synchronous_standby_names")'"
      sql "$port" "select '    -> ' || application_name || '  state=' || state || '  sync_state='
                   || sync_state || '  replay_lag=' || coalesce(replay_lag::text, '-')
                   from pg_stat_replication order by application_name"
    fi
  done
}

# Finishes a failover interrupted after the promotion (the state file names old and new).
finish_failover() {
  [ -f "$STATE" ] || return 0
  local old new; read -r old new <"$STATE"
  say "finishing an interrupted failover: rejoining $old as standby of $new"
  start_node "$new"
  rejoin_node "$old" "$new"
  apply_sync "$new"
  rm -f "$STATE"
}

cmd_failover() {
  have_dir || die "no pair in $PG_DIR: run start first"
  take_lock
  local t0 old new new_port lsn; t0=$(now_ms)
  if [ -f "$STATE" ]; then finish_failover; cmd_status; return 0; fi
  old=$(primary_node); new=$(other "$old"); new_port=$(nport "$new")
  exists "$new" || die "there is no standby ($new) to promote"
  start_node "$new"
  # Old primary answering: stop it before promoting. A clean shutdown waits until the connected
  # standby has all its WAL, so even PG_SYNC=off loses no acknowledged write, and two nodes never
  # accept writes at once. Old primary dead or frozen: promote first, deal with it afterwards.
  if running "$old" && answers "$old"; then stop_node "$old" 15; fi
  lsn=$(clean_shutdown_lsn "$old")
  if [ -n "$lsn" ]; then
    local got=f
    for _ in $(seq 50); do
      got=$(sql "$new_port" "select greatest(coalesce(pg_last_wal_receive_lsn(), '0/0'),
                  coalesce(pg_last_wal_replay_lsn(), '0/0')) > '$lsn'::pg_lsn")
      if [ "$got" = t ]; then break; fi
      sleep 0.1
    done
    [ "$got" = t ] || warn "$new lacks $old's WAL up to $lsn: pg_rewind will discard the rest"
  fi
  # Pitfall 1: the promoted node must not wait for a standby that is not there yet.
  sql "$new_port" "alter system reset synchronous_standby_names"
  sql "$new_port" "select pg_reload_conf()" >/dev/null
  say "promoting $new"
  pg pg_ctl promote -D "$(ndir "$new")" -w -t 60 >/dev/null ||
    { show_log "$new.log"; die "promotion of $new failed"; }
  echo "$old $new" | as_pg tee "$STATE" >/dev/null
  say "$new (port $new_port) accepts writes, $(since "$t0") s after the failover began"
  stop_node "$old" 5   # only still running when it did not answer
  sql "$new_port" "alter system reset primary_conninfo"
  sql "$new_port" "alter system reset primary_slot_name"
  sql "$new_port" "select pg_reload_conf()" >/dev/null
  rejoin_node "$old" "$new"
  apply_sync "$new"
  rm -f "$STATE"
  say "failover done in $(since "$t0") s"
  cmd_status
}

cmd_rejoin() {
  local t=${1:-} s
  [[ $t == n1 || $t == n2 ]] || die "usage: scripts/pg-pair.sh rejoin n1|n2"
  have_dir && exists "$t" || die "no node $t in $PG_DIR"
  take_lock
  s=$(other "$t")
  if standby_file "$s"; then die "$s is a standby itself; rejoin needs a primary to follow"; fi
  start_node "$s"
  if standby_file "$t"; then start_node "$t"; wait_streaming "$s" "$t"
  else rejoin_node "$t" "$s"; fi
  apply_sync "$s"
  cmd_status
}

cmd_destroy() {
  if [ ! -e "$PG_DIR" ]; then say "nothing to destroy in $PG_DIR"; return 0; fi
  have_dir || die "$PG_DIR was not made by pg-pair.sh; not deleting it"
  take_lock
  local n
  for n in n1 n2; do if exists "$n" && standby_file "$n"; then stop_node "$n"; fi; done
  for n in n1 n2; do stop_node "$n"; done
  rm -rf "$PG_DIR"
  say "deleted $PG_DIR"
}

cmd_env() {
  local hosts; hosts="127.0.0.1:$(nport n1),127.0.0.1:$(nport n2)"
  echo "DATABASE_URL=postgres://postgres@$hosts/$PG_DATABASE?target_session_attrs=read-write"
  echo "DATABASE_READ_URL=postgres://postgres@$hosts/$PG_DATABASE?target_session_attrs=read-only"
}

# role_port t|f: the port of the running node whose pg_is_in_recovery() is t (standby) / f.
role_port() {
  local n port
  for n in n1 n2; do
    running "$n" || continue
    port=$(nport "$n")
    if [ "$(sql "$port" "select pg_is_in_recovery()" 2>/dev/null || true)" = "$1" ]; then
      echo "$port"; return 0
    fi
  done
  return 1
}

main() {
  local cmd=${1:-}
  case $cmd in
    help | -h | --help) usage; exit 0 ;;
    start | stop | status | failover | rejoin | destroy | env | primary-port | standby-port) ;;
    *) usage >&2; exit 2 ;;
  esac
  validate_env
  find_binaries
  resolve_pg_dir
  cd /   # the postgres user may not be able to read the caller's working directory
  case $cmd in env | primary-port | standby-port) ;;
    *) if [ -n "$NOTE" ]; then printf 'pg-pair: note: %s\n' "$NOTE" >&2; fi ;;
  esac
  case $cmd in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    failover) cmd_failover ;;
    rejoin) cmd_rejoin "${2:-}" ;;
    destroy) cmd_destroy ;;
    env) cmd_env ;;
    primary-port) have_dir && role_port f ;;
    standby-port) have_dir && role_port t ;;
  esac
}

main "$@"
