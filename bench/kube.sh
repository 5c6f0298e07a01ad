#!/usr/bin/env bash
# terminate_pods(all=True) over 10, 100 and 1000 pods on a real control plane (kube/build.sh; CHAOS_KUBE_BIN),
# ours (bin/chaos) against chaostoolkit-kubernetes (CHAOS_CTK_HOME/bin/chaos), alternating, fresh processes on
# the same cluster. Prints, per N, the medians of the whole process's wall time and of the activity alone (its
# duration in the journal).
#   CHAOS_KUBE_BIN=... CHAOS_CTK_HOME=/tmp/ctk/v bash bench/kube.sh
#   KUBE_RUNS=5 KUBE_SIZES="10 100" bash bench/kube.sh
# Needs the JDK 25, GNU time, python3 (to read journals). Talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${CHAOS_KUBE_BIN:?set CHAOS_KUBE_BIN (kube/build.sh prints it)}"
: "${CHAOS_CTK_HOME:?set CHAOS_CTK_HOME to a venv with chaostoolkit and chaostoolkit-kubernetes}"
RUNS=${KUBE_RUNS:-5}
SIZES=${KUBE_SIZES:-10 100 1000}
for candidate in ${JAVA_HOME:-} /usr/lib/jvm/temurin-25-jdk-*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
done
WORK=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

mvn -B -q -ntp -pl action,bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$WORK/bench.cp" -DincludeScope=runtime >/dev/null
CP="bench/target/classes:$(cat "$WORK/bench.cp")"
bin/chaos --version >/dev/null # makes the launcher's AOT cache in the background
CTK_VERSION=$("$CHAOS_CTK_HOME/bin/python" -c 'import importlib.metadata as m; print(m.version("chaostoolkit-kubernetes"))')

# The cluster answers "pods N" with a line once N pods are Ready and none is terminating.
mkfifo "$WORK/in" "$WORK/out"
"$JAVA_HOME/bin/java" -cp "$CP" dev.chaosaction.bench.KubeBenchCluster < "$WORK/in" > "$WORK/out" 2> "$WORK/cluster.log" &
exec 3> "$WORK/in" 4< "$WORK/out"
read -r KUBECONFIG <&4 || { cat "$WORK/cluster.log"; exit 1; }
export KUBECONFIG
settle() { echo "pods $1" >&3; read -r answer <&4; [ "$answer" = "ready $1" ] || { echo "$answer"; exit 1; }; }

cat > "$WORK/exp.json" <<'EOF'
{"title": "terminate all", "description": "bench",
 "method": [{"type": "action", "name": "terminate", "provider": {"type": "python", "module": "chaosk8s.pod.actions",
   "func": "terminate_pods", "arguments": {"label_selector": "app=bench", "ns": "bench", "all": true}}}]}
EOF
# wall seconds of one fresh process, and the activity's duration and output size from its journal
one() { # label command...
  local label=$1; shift
  rm -f "$WORK/journal.json"
  /usr/bin/time -f "%e" -o "$WORK/time" "$@" --journal-path "$WORK/journal.json" "$WORK/exp.json" >/dev/null 2>"$WORK/err" \
    || { echo "$label failed:"; tail -5 "$WORK/err"; exit 1; }
  python3 - "$WORK/journal.json" "$(cat "$WORK/time")" "$label" >> "$WORK/rows" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
a = j["run"][0]
if a["status"] != "succeeded": sys.exit(f"{sys.argv[3]}: {a['status']}: {a.get('exception')}")
print(sys.argv[3], sys.argv[2], a["duration"], len(a["output"] or []))
EOF
}

echo "control plane: $("$CHAOS_KUBE_BIN/kube-apiserver" --version), kwok nodes; ours: bin/chaos;" \
  "chaostoolkit-kubernetes $CTK_VERSION; load average $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/rows"
for n in $SIZES; do
  for _ in $(seq "$RUNS"); do
    settle "$n"; CHAOS_MAX_PODS=$n one "ours-$n" bin/chaos run --quiet
    settle "$n"; one "ctk-$n" "$CHAOS_CTK_HOME/bin/chaos" --no-version-check run
  done
done
printf '%-44s %14s %14s\n' "terminate_pods(all=True), median of $RUNS" "whole process" "activity"
for n in $SIZES; do
  for who in ours ctk; do
    grep "^$who-$n " "$WORK/rows" | awk -v n="$n" '$4 != n { print "terminated " $4 " of " n > "/dev/stderr"; exit 1 }'
    wall=$(grep "^$who-$n " "$WORK/rows" | cut -d' ' -f2 | median)
    act=$(grep "^$who-$n " "$WORK/rows" | cut -d' ' -f3 | median)
    name=$([ "$who" = ours ] && echo "chaos-action (bin/chaos)" || echo "chaostoolkit-kubernetes $CTK_VERSION")
    printf '%-44s %12.3f s %12.3f s\n' "  $n pods, $name" "$wall" "$act"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
