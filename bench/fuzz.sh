#!/usr/bin/env bash
# bench/fuzz.sh [SECONDS] [FILTER]: fuzzes every Jazzer @FuzzTest target for SECONDS each (default 300)
# and prints the executions per target and any findings. FILTER (a grep pattern on Class#method)
# picks some targets. Exit status 1 when a target found a crash, a hang or an out-of-memory.
#
# Plain `mvn verify` runs the same targets as regression tests (seed corpus plus saved findings
# only). Fuzzing mode needs one JVM per target (Jazzer fuzzes one target per run), so rather than
# one Maven run each this compiles once and starts Jazzer's own driver on the test classpath.
# A finding is saved by Jazzer beside the seeds, as
#   <module>/src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1> (or timeout-, oom-),
# and from then on runs in `mvn verify`: fix the parser, keep the file.
# Inputs Jazzer generates are kept between runs in <module>/.cifuzz-corpus/ (not committed).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$HERE"
BUDGET=${1:-300}
FILTER=${2:-.}
# per input: slower than this is a hang (the parsers read a few KB to a few MB in well under a second)
INPUT_TIMEOUT=${FUZZ_INPUT_TIMEOUT:-10}
# the heap cap makes an allocation sized from input bytes an OutOfMemoryError, which is a finding
HEAP=${FUZZ_HEAP:-768m}
MODULES=(engine server)
LOGS="$HERE/target/fuzz"
mkdir -p "$LOGS"

echo "fuzz: compiling and resolving the test classpath" >&2
mvn -B -q ${MVN_OFFLINE:+-o} -pl engine,server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/fuzz.classpath -Dmdep.includeScope=test >&2
# Jazzer's command-line driver runs @FuzzTest methods through the JUnit launcher, which tests do not otherwise need
JUNIT=$(sed -n 's|.*<junit.version>\(.*\)</junit.version>.*|\1|p' pom.xml)
mvn -B -q -N ${MVN_OFFLINE:+-o} dependency:copy -Dartifact="org.junit.platform:junit-platform-launcher:$JUNIT" \
  -DoutputDirectory="$LOGS" >&2
LAUNCHER="$LOGS/junit-platform-launcher-$JUNIT.jar"

targets() { # module -> lines "Class#method"
  grep -rl --include='*FuzzTest.java' '@FuzzTest' "$1/src/test/java" | sort | while read -r f; do
    cls=$(sed -e "s|^$1/src/test/java/||" -e 's|\.java$||' -e 's|/|.|g' <<<"$f")
    grep -A1 '@FuzzTest' "$f" | grep -oE 'void [A-Za-z0-9_]+\(' | sed -E 's/void (.*)\(/\1/' | sed "s|^|$cls#|"
  done
}

printf '%-70s %12s %8s  %s\n' TARGET EXECUTIONS EXEC/S RESULT
found=0
total=0
for m in "${MODULES[@]}"; do
  cp="$HERE/$m/target/test-classes:$HERE/$m/target/classes:$(cat "$m/target/fuzz.classpath"):$LAUNCHER"
  for t in $(targets "$m" | grep -E "$FILTER" || true); do
    cls=${t%#*}; method=${t#*#}
    log="$LOGS/$t.log"
    set +e
    (cd "$m" && timeout $((BUDGET + 300)) java -Xmx"$HEAP" -XX:-OmitStackTraceInFastThrow -XX:+UseParallelGC -cp "$cp" \
        com.code_intelligence.jazzer.Jazzer --target_class="$cls" --target_method="$method" \
        -max_total_time="$BUDGET" -timeout="$INPUT_TIMEOUT") >"$log" 2>&1
    rc=$?
    set -e
    runs=$(grep -oE '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $2, $5}' || true)
    execs=${runs% *}; secs=${runs#* }
    rate=$([ -n "$runs" ] && [ "${secs:-0}" -gt 0 ] && echo $((execs / secs)) || echo -)
    if [ $rc -eq 0 ]; then
      result=ok
    else
      found=$((found + 1))
      what=$(grep -m1 -E '^== Java Exception:|ERROR: libFuzzer: (timeout|out-of-memory)|Exception in thread' "$log" || echo "exit $rc")
      saved=$(grep -m1 -oE "Test unit written to [^ ]+" "$log" | sed 's/Test unit written to //' || true)
      result="FINDING: $what${saved:+ -> ${saved#"$HERE/"}} (log ${log#"$HERE/"})"
    fi
    total=$((total + 1))
    printf '%-70s %12s %8s  %s\n' "$t" "${execs:--}" "$rate" "$result"
  done
done
echo "fuzz: $total targets, ${BUDGET}s each, $found with findings; logs in ${LOGS#"$HERE/"}/" >&2
[ "$found" -eq 0 ]
