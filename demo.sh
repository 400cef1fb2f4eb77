#!/usr/bin/env bash
# Builds Waymark and runs the crash demo twice: the first run kills its own JVM (kill -9) in the
# middle of a ten-step workflow, the second run resumes it from the last committed step.
set -u
cd "$(dirname "$0")"
echo "building (mvn -DskipTests package) ..."
build_log=$(mktemp)
if ! mvn -B -ntp -DskipTests package >"$build_log" 2>&1; then
  cat "$build_log"
  exit 1
fi
rm -f "$build_log"

jar=samples/target/waymark-samples.jar
storage=target/demo-storage

echo "=== first run ==="
java -Dwaymark.storage="$storage" -jar "$jar" crash-demo --reset
echo "=== the JVM exited with code $? (137 = killed by SIGKILL) ==="
echo
echo "=== second run: same command, same workflow id ==="
java -Dwaymark.storage="$storage" -jar "$jar" crash-demo
