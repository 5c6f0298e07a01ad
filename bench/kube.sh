#!/usr/bin/env bash
# Killing one pod (terminate_pods with its defaults: one pod of the label) and terminate_pods(all=True) over 10,
# 100 and 1000 pods, on a real control plane (kube/build.sh; CHAOS_KUBE_BIN) or with KUBE_CLUSTER=sandbox on the
# sandbox's stand-in (fabric8's mock API server), ours (bin/chaos) against chaostoolkit-kubernetes
# (CHAOS_CTK_HOME/bin/chaos), alternating, fresh processes on the same cluster. Prints, per case, the medians of
# the whole process's wall time and of the activity alone (its duration in the journal), then the Kubernetes
# client's first call in a fresh JVM (KubeFirstCall, on bin/chaos's AOT cache).
#   CHAOS_KUBE_BIN=... CHAOS_CTK_HOME=/tmp/ctk/v bash bench/kube.sh
#   KUBE_CLUSTER=sandbox KUBE_RUNS=5 KUBE_SIZES="one 1000" CHAOS_CTK_HOME=/tmp/ctk/v bash bench/kube.sh
# Needs the JDK 25, GNU time, python3 (to read journals). Talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
CLUSTER=${KUBE_CLUSTER:-real}
[ "$CLUSTER" = sandbox ] || : "${CHAOS_KUBE_BIN:?set CHAOS_KUBE_BIN (kube/build.sh prints it), or KUBE_CLUSTER=sandbox}"
: "${CHAOS_CTK_HOME:?set CHAOS_CTK_HOME to a venv with chaostoolkit and chaostoolkit-kubernetes}"
RUNS=${KUBE_RUNS:-5}
SIZES=${KUBE_SIZES:-one 10 100 1000}
for candidate in ${JAVA_HOME:-} /usr/lib/jvm/temurin-25-jdk-*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
done
WORK=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

mvn -B -q -ntp -pl action,bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$WORK/bench.cp" -DincludeScope=runtime >/dev/null
CP="bench/target/classes:$(cat "$WORK/bench.cp")"
OURS=${KUBE_OURS:-bin/chaos} # another build's launcher, to compare builds
"$OURS" --version >/dev/null # makes the launcher's AOT cache in the background; the runs wait for it
# (the training's lock is the common cache's; the caches are made again when older than the jar)
for _ in $(seq 300); do
  aot=""
  for candidate in "$(dirname "$(readlink -f "$OURS")")"/../action/target/chaos-jdk*[0-9].aot \
                   "$(dirname "$(readlink -f "$OURS")")"/chaos-jdk*[0-9].aot; do
    if [ -f "$candidate" ]; then aot=$candidate; break; fi
  done
  [ -n "$aot" ] && [ ! -d "$aot.lock" ] && [ "$aot" -nt "${aot%-jdk*}.jar" ] && break
  sleep 1
done
# A chaosk8s run starts on the Kubernetes cache (bin/chaos picks it): the client's first call is measured on it.
kube_aot=${aot%.aot}-kubernetes.aot
[ -f "$kube_aot" ] || kube_aot=$aot
# The same jar and options on a cache trained with Kubernetes.prime() too (KubeTraining), as a third contender.
FLAGS="-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -XX:+UseSerialGC -Xms16m -Xmn2m -XX:-UsePerfData"
JAR=${aot%-jdk*}.jar
BENCH_JAR=$(echo bench/target/chaos-bench-*.jar) # a jar: an AOT cache takes no directory
# The JVM writes the cache at exit even when the training failed: then it is thrown away.
# shellcheck disable=SC2086 # $FLAGS is a list of options
if ! "$JAVA_HOME/bin/java" $FLAGS -XX:AOTCacheOutput="$WORK/kube.aot" -Xlog:aot=off -Xlog:cds=off \
  -cp "$JAR:$BENCH_JAR" dev.chaosaction.bench.KubeTraining >/dev/null 2>&1; then
  rm -f "$WORK/kube.aot"
  echo "no cache trained on Kubernetes (a jar without Kubernetes.prime?): its rows are left out"
fi
TRAINED="$JAVA_HOME/bin/java $FLAGS -XX:AOTCache=$WORK/kube.aot -Xlog:aot=off -Xlog:cds=off -cp $JAR:$BENCH_JAR dev.chaosaction.cli.Chaos"
CTK_VERSION=$("$CHAOS_CTK_HOME/bin/python" -c 'import importlib.metadata as m; print(m.version("chaostoolkit-kubernetes"))')

# The cluster answers "pods N" with a line once N pods are Ready and none is terminating.
mkfifo "$WORK/in" "$WORK/out"
"$JAVA_HOME/bin/java" -cp "$CP" dev.chaosaction.bench.KubeBenchCluster "$CLUSTER" < "$WORK/in" > "$WORK/out" 2> "$WORK/cluster.log" &
exec 3> "$WORK/in" 4< "$WORK/out"
read -r KUBECONFIG <&4 || { cat "$WORK/cluster.log"; exit 1; }
export KUBECONFIG
# (a cluster that stopped says why: its log goes with the work directory)
settle() {
  { echo "pods $1" >&3 && read -r answer <&4; } || { echo "the cluster stopped:"; grep -v '^\s*at ' "$WORK/cluster.log" | tail -8; exit 1; }
  [ "$answer" = "ready $1" ] || { echo "$answer"; exit 1; }
}

experiment() { # all: true|false
  cat <<EOF
{"title": "terminate pods", "description": "bench",
 "method": [{"type": "action", "name": "terminate", "provider": {"type": "python", "module": "chaosk8s.pod.actions",
   "func": "terminate_pods", "arguments": {"label_selector": "app=bench", "ns": "bench", "all": $1}}}]}
EOF
}
experiment true > "$WORK/all.json"
experiment false > "$WORK/one.json"
# wall seconds of one fresh process, and the activity's duration and output size from its journal
one() { # label command...
  local label=$1; shift
  rm -f "$WORK/journal.json"
  /usr/bin/time -f "%e" -o "$WORK/time" "$@" --journal-path "$WORK/journal.json" "$EXP" >/dev/null 2>"$WORK/err" \
    || { echo "$label failed:"; tail -5 "$WORK/err"; exit 1; }
  python3 - "$WORK/journal.json" "$(cat "$WORK/time")" "$label" >> "$WORK/rows" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
a = j["run"][0]
if a["status"] != "succeeded": sys.exit(f"{sys.argv[3]}: {a['status']}: {a.get('exception')}")
print(sys.argv[3], sys.argv[2], a["duration"], len(a["output"] or []))
EOF
}

server=$([ "$CLUSTER" = sandbox ] && echo "the sandbox's stand-in (fabric8 mock API server)" \
  || echo "$("$CHAOS_KUBE_BIN/kube-apiserver" --version), kwok nodes")
echo "cluster: $server; ours: $OURS;" \
  "chaostoolkit-kubernetes $CTK_VERSION; load average $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/rows"
for n in $SIZES; do
  # "one": kill one of 3 pods; a number: all of them
  if [ "$n" = one ]; then pods=3 EXP=$WORK/one.json; else pods=$n EXP=$WORK/all.json; fi
  for _ in $(seq "$RUNS"); do
    settle "$pods"; CHAOS_MAX_PODS=$pods one "ours-$n" "$OURS" run --quiet
    # shellcheck disable=SC2086 # $TRAINED is a command line
    [ ! -f "$WORK/kube.aot" ] || { settle "$pods"; CHAOS_MAX_PODS=$pods one "trained-$n" $TRAINED run --quiet; }
    settle "$pods"; one "ctk-$n" "$CHAOS_CTK_HOME/bin/chaos" --no-version-check run
  done
done
printf '%-44s %14s %14s\n' "terminate_pods, median of $RUNS" "whole process" "activity"
for n in $SIZES; do
  want=$([ "$n" = one ] && echo 1 || echo "$n")
  for who in ours trained ctk; do
    grep -q "^$who-$n " "$WORK/rows" || continue
    grep "^$who-$n " "$WORK/rows" | awk -v n="$want" '$4 != n { print "terminated " $4 " of " n > "/dev/stderr"; exit 1 }'
    wall=$(grep "^$who-$n " "$WORK/rows" | cut -d' ' -f2 | median)
    act=$(grep "^$who-$n " "$WORK/rows" | cut -d' ' -f3 | median)
    case $who in
      ours) name="chaos-action (bin/chaos)" ;;
      trained) name="the same, cache trained on Kubernetes too" ;;
      *) name="chaostoolkit-kubernetes $CTK_VERSION" ;;
    esac
    label=$([ "$n" = one ] && echo "one pod of 3" || echo "all $n pods")
    printf '%-44s %12.3f s %12.3f s\n' "  $label, $name" "$wall" "$act"
  done
done
# The client's first call (client built from the kubeconfig, one pod list; the build alone too) in a fresh JVM with bin/chaos's
# options and its Kubernetes AOT cache, the bench's classes appended to the jar's class path; then the same after the Lambda's
# SnapStart priming of the Kubernetes path (Kubernetes.prime, no cluster contacted), as a restored copy has it.
settle 3
printf '%-44s %14s %14s %20s\n' "Kubernetes client, fresh JVM, median of $RUNS" "to the library" "first call" \
  "of it: client build"
for mode in cold $([ -f "$WORK/kube.aot" ] && echo primed trained); do # both need Kubernetes.prime in the jar
  cache=$([ "$mode" = trained ] && echo "$WORK/kube.aot" || echo "$kube_aot")
  for _ in $(seq "$RUNS"); do
    # shellcheck disable=SC2086 # $FLAGS is a list of options
    "$JAVA_HOME/bin/java" $FLAGS ${cache:+-XX:AOTCache=$cache} -Xlog:aot=off -Xlog:cds=off \
      -cp "$JAR:$BENCH_JAR" dev.chaosaction.bench.KubeFirstCall bench app=bench "$mode"
  done > "$WORK/first"
  case $mode in
    cold) label="from the kubeconfig, then one pod list" ;;
    primed) label="  the same after Kubernetes.prime()" ;;
    *) label="  the same, cache trained on Kubernetes too" ;;
  esac
  printf '%-44s %12.3f s %12.3f s %18.3f s\n' "  $label" \
    "$(cut -d' ' -f1 "$WORK/first" | median)" "$(cut -d' ' -f2 "$WORK/first" | median)" \
    "$(cut -d' ' -f3 "$WORK/first" | median)"
done
# The Lambda handler in a fresh JVM (C1 only, as Lambda's Java runtime; journal to a directory) killing one pod:
# JVM start to response, and the invocation alone after the SnapStart priming (what a restored copy pays; the
# restore itself needs Lambda). LambdaColdStart, as in bench/run.sh.
echo "{\"experiment\": $(cat "$WORK/one.json")}" > "$WORK/payload.json"
mkdir -p "$WORK/journals"
printf '%-44s %14s %14s\n' "Lambda, kill one pod, median of $RUNS" "JVM to answer" "invocation"
for mode in cold primed; do
  : > "$WORK/lambda"
  for _ in $(seq "$RUNS"); do
    settle 3
    CHAOS_JOURNAL_DIR="$WORK/journals" CHAOS_MAX_PODS=3 /usr/bin/time -f "%e" -o "$WORK/ltime" \
      "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "function/target/chaos-function.jar:bench/target/classes" \
      dev.chaosaction.bench.LambdaColdStart "$WORK/payload.json" "$mode" > "$WORK/lout" 2> "$WORK/lerr"
    grep -q '"completed"' "$WORK/lout" || { echo "Lambda run failed:"; head -c 600 "$WORK/lout"; tail -3 "$WORK/lerr"; exit 1; }
    echo "$(cat "$WORK/ltime") $(grep -o 'invocation [0-9.]*' "$WORK/lerr" | cut -d' ' -f2)" >> "$WORK/lambda"
  done
  label=$([ "$mode" = cold ] && echo "fresh JVM, no priming" || echo "after SnapStart priming (in-process)")
  printf '%-44s %12.3f s %11.0f ms\n' "  $label" "$(cut -d' ' -f1 "$WORK/lambda" | median)" \
    "$(cut -d' ' -f2 "$WORK/lambda" | median)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
