#!/usr/bin/env bash
# Runs Waymark's benchmark comparison and rewrites docs/performance.md (+ docs/performance.svg):
# what a step costs next to the hardware floor and next to DBOS Transact and Temporal, measured
# side by side in one run.
#
#   ./bench.sh smoke   # a few minutes
#   ./bench.sh full    # longer: more forks, iterations and repetitions
#
# Extra arguments go to the harness (java -jar benchmarks/target/benchmarks.jar --help lists them),
# e.g. ./bench.sh smoke --parts jmh,resume (a partial run does not rewrite the docs).
# DBOS needs PostgreSQL: a throwaway cluster is started on 127.0.0.1 in a temp directory and
# stopped on exit. When the server is not installed, the Debian package `postgresql` is installed
# (as root); where that cannot be done, the DBOS rows say why they were not measured.
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:-smoke}"
case "$mode" in
  smoke | full) shift || true ;;
  *)
    echo "usage: $0 [smoke|full] [harness options]" >&2
    exit 2
    ;;
esac
started=$(date +%s)

echo "building (mvn -DskipTests package) ..."
build_log=$(mktemp)
if ! mvn -B -ntp -DskipTests -pl benchmarks -am package >"$build_log" 2>&1; then
  cat "$build_log"
  exit 1
fi
rm -f "$build_log"

pg_dir=""
pg_bin=""
pg_user=""
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    as_pg_user "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$pg_dir" ]; then
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT

as_pg_user() {
  if [ "$pg_user" = "$(id -un)" ]; then
    "$@"
  else
    runuser -u "$pg_user" -- "$@"
  fi
}

find_pg_bin() {
  # Debian keeps the server binaries in a versioned directory, not on PATH.
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ] && command -v pg_ctl >/dev/null 2>&1; then
    pg_bin=$(dirname "$(command -v pg_ctl)")
  fi
}

# Prints the harness options for DBOS: a JDBC URL, or why DBOS is skipped.
start_postgres() {
  find_pg_bin
  if [ -z "$pg_bin" ]; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      dbos_args=(--dbos-skip "PostgreSQL is not installed (Debian package postgresql)")
      return
    fi
    echo "installing PostgreSQL (Debian package postgresql) ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    find_pg_bin
  fi
  if [ "$(id -u)" -eq 0 ]; then
    pg_user=postgres # initdb refuses to run as root
    if ! id "$pg_user" >/dev/null 2>&1; then
      dbos_args=(--dbos-skip "no postgres user to run PostgreSQL as (initdb refuses root)")
      return
    fi
  else
    pg_user=$(id -un)
  fi
  pg_dir=$(mktemp -d)
  chown "$pg_user" "$pg_dir"
  local port=55432
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
  if ! as_pg_user "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 \
    >"$pg_dir/initdb.log" 2>&1; then
    dbos_args=(--dbos-skip "initdb failed: $(tail -n 1 "$pg_dir/initdb.log")")
    return
  fi
  if ! as_pg_user "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/pg.log" \
    -o "-p $port -h 127.0.0.1 -k $pg_dir" -w start >/dev/null 2>&1; then
    dbos_args=(--dbos-skip "PostgreSQL did not start: $(tail -n 1 "$pg_dir/pg.log")")
    return
  fi
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
  dbos_args=(--dbos-url "jdbc:postgresql://127.0.0.1:$port/waymark_bench" --dbos-user postgres)
}

dbos_args=()
start_postgres

revision="unknown revision"
if git rev-parse --short HEAD >/dev/null 2>&1; then
  revision="commit $(git rev-parse --short HEAD)"
  if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    revision="$revision with local changes"
  fi
fi

mkdir -p benchmarks/target/bench-logs
java -jar benchmarks/target/benchmarks.jar "$mode" --docs docs --logs benchmarks/target/bench-logs \
  --revision "$revision" "${dbos_args[@]}" "$@"

echo "bench.sh $mode: $(($(date +%s) - started)) s in all (build and PostgreSQL included)"
