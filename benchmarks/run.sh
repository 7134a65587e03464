#!/usr/bin/env bash
# Builds the benchmarks, runs all of them in one go (calls at 1 and 2 threads with -prof gc, event
# encoding, idle memory, many threads on one breaker, whole-process CPU at fixed call rates, timeout
# lateness under CPU load), and writes the table and ratios into docs/PERFORMANCE.md.
# Takes about 40 minutes on 2 cores; --quick gives a rough smoke run in about 9.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests -pl benchmarks -am package
java -Dbreakwater.command="benchmarks/run.sh${*:+ $*}" -jar benchmarks/target/benchmarks.jar report docs/PERFORMANCE.md "$@"
