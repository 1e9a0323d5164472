#!/usr/bin/env bash
# Runs every benchmark of resilience-agent in one go and writes benchmarks/results/
# (see BENCHMARKS.md at the repository root).
#
#   benchmarks/run.sh                 # build, JMH suite (~8 min on 2 cores), start-up measurement
#   benchmarks/run.sh --quick         # smoke run, ~2 min; results in benchmarks/target/quick-results
#   benchmarks/run.sh [--quick] jmh|startup|all
#   benchmarks/run.sh [--quick] large  # large-application start-up (Spring Boot sample, 20,000 generated
#                                      # classes), ~10 min; results in benchmarks/results/large-app
#                                      # (--quick: 2 runs each, benchmarks/target/quick-results/large-app)
#
# Environment: JAVA (default: java on PATH; the JMH forks and the start-up runs use the same JVM),
# MVN_FLAGS (e.g. -o), SKIP_BUILD=1 to reuse the jars, RESULTS_DIR (default benchmarks/results),
# JAVA_OPTS for more settings (-Dforks=N -Dbench=REGEX -Dstartup.runs=N -Dagent.jar=PATH, and for large:
# -Dlarge.runs=N -Dlarge.warmups=N -Dlarge.classes=N -Dlarge.patterns=N -Dspring.jar=PATH).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
java_cmd="${JAVA:-java}"

quick=false
mode=all
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    all|jmh|startup|large) mode="$arg" ;;
    *) echo "usage: $0 [--quick] [all|jmh|startup|large]" >&2; exit 2 ;;
  esac
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "# building the agent, the Spring Boot sample and the benchmarks"
  (cd "$root" && mvn -q ${MVN_FLAGS:-} -Pbenchmarks -pl agent,samples/spring-boot-app,benchmarks package -DskipTests)
fi

if [[ -n "${RESULTS_DIR:-}" ]]; then
  results="$(mkdir -p "$RESULTS_DIR" && cd "$RESULTS_DIR" && pwd)"
elif $quick; then
  results="$here/target/quick-results"
else
  results="$here/results"
fi
# the large-application measurement keeps its own summary.md, run.log and machine.txt, beside the main run's
if [[ -z "${RESULTS_DIR:-}" && "$mode" == large ]]; then
  results="$results/large-app"
fi
mkdir -p "$results"

{
  echo "date:     $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
  echo "commit:   $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && git diff --quiet HEAD -- agent 2>/dev/null || echo ' (agent/ has uncommitted changes)')"
  echo "uname:    $(uname -srm)"
  echo "nproc:    $(nproc)"
  echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min, before the run)"
  echo "memory:   $(free -m | awk '/^Mem:/ {print $2 " MB"}')"
  echo "--- lscpu | head -20"
  lscpu | head -20
  echo "--- java -version"
  "$java_cmd" -version 2>&1
} > "$results/machine.txt"
cat "$results/machine.txt"

opts=(-Dresults.dir="$results")
$quick && opts+=(-Dquick=true)
# shellcheck disable=SC2086
"$java_cmd" ${JAVA_OPTS:-} "${opts[@]}" -jar "$here/target/benchmarks.jar" "$mode" 2>&1 | tee "$results/run.log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
