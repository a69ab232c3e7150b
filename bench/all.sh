#!/usr/bin/env bash
# bench/all.sh [--runs N] [--only push,load,sbom,analysis]: every benchmark of issue 12, N times
# (default 3), then ONE line per figure: its median over the runs, the goal, met or NOT met, and
# the 1-minute load average when the median run measured it (a loaded machine makes wall times
# worse; quote figures from an idle one).
#
#   push      bench/push.sh $PUSH_ROUNDS (5): push and pull of the corpus images and of a 1 GiB layer,
#             Spyglass / distribution (goal <= 1.0)
#   load      bench/load.sh -c $LOAD_CLIENTS (32) -d $LOAD_SECONDS (120) -s $STACKS: throughput
#             Spyglass / distribution (goal >= 1.0) and Spyglass's errors (goal 0), per stack
#   sbom      bench/sbom.sh $SBOM_RUNS (3): sbom / libdeflate-gunzip on the 1 GB image (goal <= 1.0),
#             sbom / zcat on the corpus Debian image (goal <= 1.3)
#   analysis  bench/analysis.sh -s $STACKS: push -> report cold (goal <= 3 s), re-evaluation of
#             100 advisories (goal <= 5 s) and 1,000 (goal <= 30 s) over the 100,000-tag fleet, per stack
# Quick check (figures not comparable): LOAD_SECONDS=10 LOAD_CLIENTS=4 PUSH_ROUNDS=1 SBOM_RUNS=1
# FLEET_IMAGES=2000 bench/all.sh --runs 1. Each script's full output is kept in $BENCH_OUT
# (default a new folder under $TMPDIR, printed at the end).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=3
ONLY=push,load,sbom,analysis
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=${2:?--runs needs a number}; shift ;;
    --only) ONLY=${2:?--only needs push,load,sbom,analysis}; shift ;;
    *) echo "bench/all.sh: unknown option $1 (--runs N, --only push,load,sbom,analysis)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "bench/all.sh: --runs must be a positive number, not '$RUNS'" >&2; exit 2; }
IFS=, read -r -a BENCHES <<< "$ONLY"
for b in "${BENCHES[@]}"; do
  case $b in push|load|sbom|analysis) ;; *) echo "bench/all.sh: unknown benchmark '$b' (push, load, sbom, analysis)" >&2; exit 2;; esac
done
STACKS=${STACKS:-sqlite,postgres}
OUT=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/spyglass-bench-all.XXXXXX")}
mkdir -p "$OUT"
FIGURES=$OUT/figures.tsv # figure <TAB> value <TAB> load average, one row per run
: > "$FIGURES"
# the jar, built once before any timing (each script would otherwise race to build it)
"$HERE/spyglass" --version >/dev/null
export SPYGLASS_NO_REBUILD=1

load1() { cut -d' ' -f1 /proc/loadavg; }
# records figure NAME from the first match of the perl regex RE (one capture group) in FILE
figure() { # NAME FILE RE
  local v
  v=$(grep -oP "$3" "$2" | head -1 || true)
  if [ -z "$v" ]; then echo "bench/all.sh: no '$1' in $(basename "$2") (see $2)" >&2; return 0; fi
  printf '%s\t%s\t%s\n' "$1" "$v" "$(load1)" >> "$FIGURES"
}

t_start=$(date +%s)
for run in $(seq 1 "$RUNS"); do
  for b in "${BENCHES[@]}"; do
    f=$OUT/$b-$run.out
    echo "[all] run $run/$RUNS: $b (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    t0=$(date +%s)
    case $b in
      push) "$HERE/bench/push.sh" "${PUSH_ROUNDS:-5}" > "$f" 2>&1 || echo "bench/all.sh: push.sh failed (see $f)" >&2
        figure "push ratio (corpus images, spyglass/distribution)" "$f" 'median push of .*ratio spyglass/distribution = \K[0-9.]+'
        figure "pull ratio (corpus images, spyglass/distribution)" "$f" 'median pull of .*ratio spyglass/distribution = \K[0-9.]+'
        figure "1 GiB push ratio (spyglass/distribution)" "$f" '1 GiB layer push: .*ratio = \K[0-9.]+'
        figure "1 GiB pull ratio (spyglass/distribution)" "$f" '1 GiB layer pull: .*ratio = \K[0-9.]+' ;;
      load) "$HERE/bench/load.sh" -c "${LOAD_CLIENTS:-32}" -d "${LOAD_SECONDS:-120}" -s "$STACKS" > "$f" 2>&1 || echo "bench/all.sh: load.sh failed (see $f)" >&2
        IFS=, read -r -a ST <<< "$STACKS"
        for s in "${ST[@]}"; do
          figure "load throughput ratio $s (spyglass/distribution)" "$f" "^$s: throughput .*ratio spyglass/distribution = \\K[0-9.]+"
          figure "load errors $s (spyglass)" "$f" "^spyglass-$s  TOTAL .*errors \\K[0-9]+"
        done ;;
      sbom) "$HERE/bench/sbom.sh" "${SBOM_RUNS:-3}" > "$f" 2>&1 || echo "bench/all.sh: sbom.sh failed (see $f)" >&2
        figure "sbom / libdeflate-gunzip, 1 GB image" "$f" '^synthetic +wall: [^|]*libdeflate +[0-9.]+s \(ratio \K[0-9.]+'
        figure "sbom / zcat, corpus Debian" "$f" '^debian +wall: [^|]*zcat +[0-9.]+s \(ratio \K[0-9.]+' ;;
      analysis) "$HERE/bench/analysis.sh" -s "$STACKS" > "$f" 2>&1 || echo "bench/all.sh: analysis.sh failed (see $f)" >&2
        figure "push -> report cold, corpus Debian (s)" "$f" '^push -> report .*: \K[0-9.]+(?= s)'
        IFS=, read -r -a ST <<< "$STACKS"
        for s in "${ST[@]}"; do
          figure "re-evaluation 100 advisories $s (s)" "$f" "^re-evaluation 100 advisories, .*, $s: \\K[0-9.]+"
          figure "re-evaluation 1000 advisories $s (s)" "$f" "^re-evaluation 1000 advisories, .*, $s: \\K[0-9.]+"
        done
        grep -h '^fleet store\|^store ' "$f" | sed 's/^/  [analysis] /' >&2 || true ;;
    esac
    echo "[all] run $run/$RUNS: $b took $(( $(date +%s) - t0 )) s" >&2
  done
done

python3 - "$FIGURES" "$RUNS" <<'PY'
import sys, re
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
# figure name (prefix) -> (operator, goal)
goals = [("push ratio", "<=", 1.0), ("pull ratio", "<=", 1.0), ("1 GiB push", "<=", 1.0), ("1 GiB pull", "<=", 1.0),
         ("load throughput", ">=", 1.0), ("load errors", "<=", 0), ("sbom / libdeflate", "<=", 1.0), ("sbom / zcat", "<=", 1.3),
         ("push -> report", "<=", 3.0), ("re-evaluation 100 ", "<=", 5.0), ("re-evaluation 1000 ", "<=", 30.0)]
order, runs = [], {}
for name, value, load in rows:
    if name not in runs:
        order.append(name)
    runs.setdefault(name, []).append((float(value), load))
print("bench/all.sh: median of %s run(s); load average = 1-minute load when the median run measured it" % sys.argv[2])
for name in order:
    vs = sorted(runs[name])
    value, load = vs[(len(vs) - 1) // 2]  # the lower median: a real run's figure, with its load
    op, goal = next(((o, g) for p, o, g in goals if name.startswith(p)), ("?", None))
    met = goal is not None and (value <= goal if op == "<=" else value >= goal)
    n = "" if len(vs) == int(sys.argv[2]) else " (%d of %s runs)" % (len(vs), sys.argv[2])
    print("%-58s %8s  goal %s %-5s %-8s load %s%s" % (name, ("%d" if value == int(value) and "errors" in name else "%.2f") % value,
          op, goal, "met" if met else "NOT met", load, n))
PY
echo "bench/all.sh: $RUNS run(s) in $(( $(date +%s) - t_start )) s; outputs in $OUT" >&2
