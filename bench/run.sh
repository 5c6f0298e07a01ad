#!/usr/bin/env bash
# Benchmarks that print their figures (medians of several runs) with the machine they ran on.
#   bash bench/run.sh            # everything
#   RUNS=5 bash bench/run.sh     # fewer cold-process runs
# Needs: the Temurin JDK 25 (found like .ci/run does), GNU time (/usr/bin/time). Talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-11}
for candidate in ${JAVA_HOME:-} /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/*25*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -q '"25'; then
    export JAVA_HOME="$candidate"; break
  fi
done
JAVA="$JAVA_HOME/bin/java"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$JAVA" -version 2>&1 | head -1

echo "== build"
mvn -B -q -ntp -pl action,bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$WORK/bench.cp" -DincludeScope=runtime >/dev/null
JAR=action/target/chaos.jar
CP="bench/target/classes:$(cat "$WORK/bench.cp")"
echo "chaos.jar: $(du -k "$JAR" | cut -f1) KiB"

# A health endpoint for the cold runs, in its own JVM.
"$JAVA" -cp "$CP" dev.chaosaction.bench.LoopbackServer > "$WORK/url" &
for _ in $(seq 100); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL=$(cat "$WORK/url")
cat > "$WORK/one-probe.json" <<JSON
{"title": "one probe", "description": "a single HTTP probe",
 "steady-state-hypothesis": {"title": "up", "probes": [
   {"type": "probe", "name": "health", "tolerance": 200, "provider": {"type": "http", "url": "$URL"}}]},
 "method": []}
JSON

# median wall seconds and median peak RSS (MiB) of RUNS cold processes
cold() {
  local label=$1; shift
  : > "$WORK/times"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -a -o "$WORK/times" "$@" >/dev/null 2>&1 || { echo "$label: run failed"; "$@"; return; }
  done
  sort -n -k1 "$WORK/times" | awk -v n="$RUNS" -v l="$label" '{t[NR]=$1} END {printf "%-34s %6.3f s", l, t[int((n+1)/2)]}'
  sort -n -k2 "$WORK/times" | awk -v n="$RUNS" '{m[NR]=$2} END {printf "  %5.1f MiB\n", m[int((n+1)/2)]/1024}'
}

RUN=(run --journal-path "$WORK/journal.json" --quiet "$WORK/one-probe.json")
echo "== a fresh process running a one-HTTP-probe experiment (median of $RUNS; Chaos Toolkit: ~0.35 s, 38 MiB)"
cold "java -jar" "$JAVA" -jar "$JAR" "${RUN[@]}"
cold "java -jar, C1 only" "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "${RUN[@]}"
"$JAVA" -XX:ArchiveClassesAtExit="$WORK/app.jsa" -jar "$JAR" "${RUN[@]}" >/dev/null 2>&1
cold "AppCDS, C1 only" "$JAVA" -XX:SharedArchiveFile="$WORK/app.jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "${RUN[@]}"
"$JAVA" -XX:AOTCacheOutput="$WORK/app.aot" -jar "$JAR" "${RUN[@]}" >/dev/null 2>&1
cold "AOT cache" "$JAVA" -XX:AOTCache="$WORK/app.aot" -jar "$JAR" "${RUN[@]}"
cold "AOT cache, C1 only, SerialGC" "$JAVA" -XX:AOTCache="$WORK/app.aot" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "${RUN[@]}"

echo "== engine overhead per HTTP activity, warm (target: < 1 ms, ratio < 1.1)"
"$JAVA" -cp "$CP" dev.chaosaction.bench.ActivityOverhead
