#!/usr/bin/env bash
# Fresh processes, ours against Chaos Toolkit, alternating (ours, theirs, ours, ...) so that both see the same
# machine: a one-HTTP-probe experiment through bin/chaos and through the Action image's command, and the brief's
# pod termination (without its pause) through bin/chaos against `chaos sandbox`. Prints, per figure, the medians
# of wall time and peak RSS of each, and the median of the pairs' wall-time ratios, with the load average.
#   CHAOS_CTK_HOME=/tmp/ctk/v bash bench/cold.sh
#   COLD_RUNS=21 bash bench/cold.sh
# The image's command is reproduced as the Dockerfile builds it (Docker need not run here): the runtime jlink'd
# from jdeps' module list, chaos.jar, action/docker/entrypoint.sh, and the AOT caches action/docker/train.sh
# makes; the runner's environment is set as the runner sets it. Needs the JDK 25, GNU time, the Chaos Toolkit
# of compat/requirements.txt (CHAOS_CTK_HOME, as .ci/setup.d/10-chaostoolkit.sh installs it). Talks only to
# 127.0.0.1.
set -euo pipefail
trap 'echo "bench/cold.sh: failed at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
: "${CHAOS_CTK_HOME:?set CHAOS_CTK_HOME to a venv with chaostoolkit and chaostoolkit-kubernetes}"
RUNS=${COLD_RUNS:-11}
for candidate in ${JAVA_HOME:-} /usr/lib/jvm/temurin-25-jdk-*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -q '"25'; then
    export JAVA_HOME="$candidate"; break
  fi
done
JAVA="$JAVA_HOME/bin/java"
CTK="$CHAOS_CTK_HOME/bin/chaos"
WORK=$(mktemp -d)
trap 'exec 3>&-; kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; rm -rf "$WORK"' EXIT
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== build (load average: $(load))"
mvn -B -q -ntp -pl action -am package -DskipTests >/dev/null
JAR=action/target/chaos.jar

# bin/chaos with its AOT caches, made as on first use (in the background; waited for here).
export CHAOS_CACHE_DIR="$WORK/cache"
bin/chaos --version >/dev/null
for _ in $(seq 1800); do compgen -G "$CHAOS_CACHE_DIR/*.lock" >/dev/null || break; sleep 0.1; done

# The image's files, as the Dockerfile lays them out under /opt.
IMAGE="$WORK/opt"
mkdir -p "$IMAGE/chaos"
modules="$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps -q --multi-release 25 --print-module-deps "$JAR")"
"$JAVA_HOME/bin/jlink" --add-modules "${modules},jdk.crypto.ec" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$IMAGE/java"
cp "$JAR" "$IMAGE/chaos/chaos.jar"
cp action/docker/entrypoint.sh "$IMAGE/chaos/entrypoint"
mkdir "$WORK/training"
cp action/docker/train.sh action/docker/training-*.json "$WORK/training/"
sh "$WORK/training/train.sh" "$IMAGE/chaos" "$JAVA" "$PWD/action/target/chaos-sandbox"

# The probe's endpoint, in a process of its own.
# (it stops when this script's end closes its input)
mkfifo "$WORK/in"
"$JAVA" -cp "$JAR" dev.chaosaction.cli.Training serve < "$WORK/in" > "$WORK/health" &
exec 3> "$WORK/in"
for _ in $(seq 300); do grep -qs CHAOS_BASE_URL "$WORK/health" && break; sleep 0.1; done
URL="$(grep CHAOS_BASE_URL "$WORK/health" | cut -d= -f2)/health"
cat > "$WORK/one-probe.json" <<EOF
{"title": "one probe", "description": "a single HTTP probe",
 "steady-state-hypothesis": {"title": "up", "probes": [
   {"type": "probe", "name": "health", "tolerance": 200, "provider": {"type": "http", "url": "$URL"}}]},
 "method": []}
EOF
mkdir -p "$WORK/workspace" "$WORK/runner"
cp "$WORK/one-probe.json" "$WORK/workspace/experiment.json"
image() { # the runner's environment for the container, then its command (a one-probe run injects nothing: fail-on never)
  env -i PATH=/usr/bin:/bin HOME="$WORK" GITHUB_ACTIONS=true GITHUB_WORKSPACE="$WORK/workspace" \
    GITHUB_OUTPUT="$WORK/runner/output" GITHUB_STEP_SUMMARY="$WORK/runner/summary" INPUT_EXPERIMENT=experiment.json \
    INPUT_EGRESS-ALLOW=127.0.0.1 INPUT_FAIL-ON=never "$IMAGE/chaos/entrypoint"
}

# one run: "command" FILE; exit codes 0 and 1 (a deviated run) are results, others failures
one() {
  local code=0
  /usr/bin/time -f "%e %M" -o "$2" bash -c "$1" >/dev/null 2>"$2.err" || code=$?
  [ "$code" -le 1 ] || { echo "$1: exit $code"; cat "$2.err"; exit 1; }
}
# completed FILE: a run that failed for a wrong set-up would be timed as a result; its journal must say it completed
completed() {
  grep -qs '"status": "completed"' "$1" || { echo "$label: the unmeasured run did not complete ($1)"; exit 1; }
  rm -f "$1"
}
# pairs "label" "our command" "their command" [our journal]: RUNS alternating pairs after one of each, unmeasured
pairs() {
  local label=$1 ours=$2 theirs=$3 journal=${4:-$J}
  : > "$WORK/pairs"
  rm -f "$journal" "$J"
  one "$ours" "$WORK/a"; completed "$journal"
  one "$theirs" "$WORK/b"; completed "$J"
  local before; before=$(load)
  for _ in $(seq "$RUNS"); do
    one "$ours" "$WORK/a"; one "$theirs" "$WORK/b"
    echo "$(tail -1 "$WORK/a") $(tail -1 "$WORK/b")" >> "$WORK/pairs"
  done
  printf '%-52s %6.3f s %4.0f MiB | %6.3f s %4.0f MiB | %5.2f | %5.2f | %s / %s\n' "$label" \
    "$(cut -d' ' -f1 "$WORK/pairs" | median)" "$(cut -d' ' -f2 "$WORK/pairs" | median | awk '{print $1/1024}')" \
    "$(cut -d' ' -f3 "$WORK/pairs" | median)" "$(cut -d' ' -f4 "$WORK/pairs" | median | awk '{print $1/1024}')" \
    "$(awk '$3 > 0 {print $1/$3}' "$WORK/pairs" | median)" "$(awk '$4 > 0 {print $2/$4}' "$WORK/pairs" | median)" \
    "$before" "$(load)" | tee -a "$WORK/rows"
}
: > "$WORK/rows"
J="$WORK/journal.json"
echo "== one HTTP probe ($RUNS pairs each)"
pairs "one HTTP probe, bin/chaos" "bin/chaos run --journal-path $J $WORK/one-probe.json" \
  "$CTK --no-version-check run --journal-path $J $WORK/one-probe.json"
export -f image; export WORK IMAGE
pairs "one HTTP probe, the Action image's command" "image" \
  "$CTK --no-version-check run --journal-path $J $WORK/one-probe.json" "$WORK/workspace/chaos-journal.json"

echo "== the brief's pod termination against chaos sandbox ($RUNS pairs)"
"$JAVA" -cp "$JAR:action/target/chaos-sandbox/*" dev.chaosaction.cli.Chaos sandbox --recreate-delay 0 \
  > "$WORK/cluster" 2>/dev/null &
for _ in $(seq 600); do grep -qs CHAOS_NAMESPACE "$WORK/cluster" && break; sleep 0.1; done
# shellcheck disable=SC1091 # the sandbox's
. "$WORK/cluster"
export KUBECONFIG CHAOS_BASE_URL CHAOS_NAMESPACE
cp action/docker/training-kubernetes.json "$WORK/kill.json"
pairs "terminate one pod (kubeconfig, sandbox), bin/chaos" "bin/chaos run --journal-path $J $WORK/kill.json" \
  "$CTK --no-version-check run --journal-path $J $WORK/kill.json"

echo
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $("$JAVA" -version 2>&1 | head -1);" \
  "Chaos Toolkit $("$CHAOS_CTK_HOME/bin/python" -c 'import importlib.metadata as m; print(m.version("chaostoolkit"))')" \
  "on $("$CHAOS_CTK_HOME/bin/python" --version)"
printf '%-52s %-17s | %-17s | %-5s | %-5s | %s\n' "median of $RUNS alternating pairs" "ours" "Chaos Toolkit" \
  "wall" "RSS" "load before / after"
cat "$WORK/rows"
