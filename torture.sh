#!/usr/bin/env bash
# Builds Waymark and runs the crash-torture harness: randomized workflows run in child JVMs that are
# killed with SIGKILL at random moments and resumed, checked against uninterrupted runs. Arguments
# go to the command, e.g. ./torture.sh --kills 40 (./torture.sh --help lists the options). Exits
# with 1 when an invariant was violated.
set -u
cd "$(dirname "$0")"
echo "building (mvn -DskipTests -pl torture -am package) ..."
build_log=$(mktemp)
if ! mvn -B -ntp -q -DskipTests -pl torture -am package >"$build_log" 2>&1; then
  cat "$build_log"
  rm -f "$build_log"
  exit 1
fi
rm -f "$build_log"

# The JVM flags Chronicle Map needs, from the root pom's waymark.jvm.flags (one source of truth);
# the child JVMs the harness starts inherit them.
read -r -a flags <<<"$(sed -n 's:.*<waymark.jvm.flags>\(.*\)</waymark.jvm.flags>.*:\1:p' pom.xml)"
feature=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${feature%%.*}" -ge 24 ] 2>/dev/null; then
  flags+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
exec java "${flags[@]}" -jar torture/target/waymark-torture.jar "$@"
