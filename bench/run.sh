#!/usr/bin/env bash
# Benchmarks that print one table of their figures (medians of several runs) with the machine they ran on.
#   bash bench/run.sh            # everything
#   RUNS=5 bash bench/run.sh     # fewer runs of each cold process
# Needs: the Temurin JDK 25 (found like .ci/run does), GNU time (/usr/bin/time). Talks only to 127.0.0.1.
# The machine may be shared: its load average is printed before and after; compare figures of quiet runs.
set -euo pipefail
trap 'echo "bench/run.sh: failed at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
RUNS=${RUNS:-11}
TERMINATE_RUNS=${TERMINATE_RUNS:-3}
for candidate in ${JAVA_HOME:-} /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/*25*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -q '"25'; then
    export JAVA_HOME="$candidate"; break
  fi
done
JAVA="$JAVA_HOME/bin/java"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
ROWS="$WORK/rows"
: > "$ROWS"
row() { printf '%-62s %-24s %s\n' "$1" "$2" "$3" >> "$ROWS"; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

echo "== build (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
mvn -B -q -ntp -pl action,function,bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$WORK/bench.cp" -DincludeScope=runtime >/dev/null
JAR=action/target/chaos.jar
FUNCTION_JAR=function/target/chaos-function.jar
CP="bench/target/classes:$(cat "$WORK/bench.cp")"
row "chaos.jar (the command and the action)" "$(du -m "$JAR" | cut -f1) MiB" ""
row "chaos-function.jar (the Lambda artefact)" "$(du -m "$FUNCTION_JAR" | cut -f1) MiB" "Lambda zip limit 50 MiB"

# A health endpoint and an S3-compatible server, each in its own JVM.
"$JAVA" -cp "$CP" dev.chaosaction.bench.LoopbackServer > "$WORK/url" &
"$JAVA" -cp "$CP" dev.chaosaction.bench.S3Server > "$WORK/s3" 2>/dev/null &
for _ in $(seq 300); do [ -s "$WORK/url" ] && [ -s "$WORK/s3" ] && break; sleep 0.1; done
URL=$(cat "$WORK/url")
PROBE='{"title": "one probe", "description": "a single HTTP probe",
 "steady-state-hypothesis": {"title": "up", "probes": [
   {"type": "probe", "name": "health", "tolerance": 200, "provider": {"type": "http", "url": "'"$URL"'"}}]},
 "method": []}'
echo "$PROBE" > "$WORK/one-probe.json"
echo "{\"experiment\": $PROBE}" > "$WORK/payload.json"

# median wall seconds and peak RSS (MiB) of RUNS runs of a command: "label" command...
cold() {
  local label=$1; shift
  : > "$WORK/times"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -a -o "$WORK/times" "$@" >/dev/null 2>&1 || { echo "$label: run failed"; "$@"; exit 1; }
  done
  row "  $label" "$(cut -d' ' -f1 "$WORK/times" | median) s, $(cut -d' ' -f2 "$WORK/times" | median | awk '{printf "%.0f", $1/1024}') MiB" "$GOAL"
}

echo "== a fresh process running a one-HTTP-probe experiment ($RUNS runs each)"
row "A fresh process: load, validate, one HTTP probe, journal" "median wall, peak RSS" "against Chaos Toolkit: bench/cold.sh"
GOAL=""
RUN=(run --journal-path "$WORK/journal.json" --quiet "$WORK/one-probe.json")
cold "java -jar" "$JAVA" -jar "$JAR" "${RUN[@]}"
cold "java -jar, C1 only, SerialGC" "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "${RUN[@]}"
"$JAVA" -XX:ArchiveClassesAtExit="$WORK/app.jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "${RUN[@]}" >/dev/null 2>&1
cold "AppCDS, C1 only, SerialGC" "$JAVA" -XX:SharedArchiveFile="$WORK/app.jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "${RUN[@]}"
"$JAVA" -XX:AOTCacheOutput="$WORK/app.aot" -jar "$JAR" "${RUN[@]}" >/dev/null 2>&1
cold "AOT cache" "$JAVA" -XX:AOTCache="$WORK/app.aot" -jar "$JAR" "${RUN[@]}"
# The launcher, with the AOT cache its training run made (bin/chaos makes it in the background on first use).
export CHAOS_CACHE_DIR="$WORK/cache"
bin/chaos --version >/dev/null
# (both caches: the training holds a lock until the Kubernetes one is made too)
for _ in $(seq 1800); do compgen -G "$CHAOS_CACHE_DIR/*.lock" >/dev/null || break; sleep 0.1; done
cold "bin/chaos (AOT cache, C1, SerialGC, its options)" bin/chaos "${RUN[@]}"

echo "== the Lambda handler in a fresh JVM, lock and journal written to s3proxy ($RUNS runs each)"
row "Lambda: fresh JVM -> first response (one HTTP probe, S3 lock + journal)" "median" "C1 only, as Lambda's Java runtime"
GOAL=""
lambda() { # mode label
  : > "$WORK/lambda"
  for _ in $(seq "$RUNS"); do
    JOURNAL_BUCKET=journals CHAOS_S3_ENDPOINT=$(cat "$WORK/s3") AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret \
      AWS_REGION=us-east-1 /usr/bin/time -f "%e %M" -o "$WORK/ltime" "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -cp "$FUNCTION_JAR:bench/target/classes" dev.chaosaction.bench.LambdaColdStart "$WORK/payload.json" "$1" \
      2> "$WORK/lerr" >/dev/null || { cat "$WORK/lerr"; exit 1; }
    echo "$(cat "$WORK/ltime") $(grep -o 'invocation [0-9.]*' "$WORK/lerr" | cut -d' ' -f2)" >> "$WORK/lambda"
  done
}
lambda cold
row "  cold start: JVM start to response" "$(cut -d' ' -f1 "$WORK/lambda" | median) s, $(cut -d' ' -f2 "$WORK/lambda" | median | awk '{printf "%.0f", $1/1024}') MiB" ""
row "  of which the invocation (handler built)" "$(cut -d' ' -f3 "$WORK/lambda" | median) ms" ""
lambda primed
row "  first invocation after SnapStart priming" "$(cut -d' ' -f3 "$WORK/lambda" | median) ms" "what a restored snapshot pays"

echo "== the S3 client in a fresh JVM, URL-connection or CRT HTTP client ($RUNS runs each)"
row "S3 client, fresh JVM: build, first PutObject; process wall" "median" "the function uses URL-connection"
s3client() { # mode
  : > "$WORK/s3c"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e" -o "$WORK/s3time" "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      --enable-native-access=ALL-UNNAMED -cp "$CP" dev.chaosaction.bench.S3ClientStart "$1" "$(cat "$WORK/s3")" \
      > "$WORK/s3out" 2> "$WORK/s3err" || { cat "$WORK/s3err"; exit 1; }
    echo "$(cat "$WORK/s3out") $(cat "$WORK/s3time")" >> "$WORK/s3c"
  done
  row "  $1" "$(cut -d' ' -f1 "$WORK/s3c" | median) ms, $(cut -d' ' -f2 "$WORK/s3c" | median) ms; $(cut -d' ' -f4 "$WORK/s3c" | median) s" "$2"
}
s3client urlconnection ""
s3client crt "+23 MiB native library in the artefact"

echo "== engine overhead per HTTP activity, warm"
"$JAVA" -cp "$CP" dev.chaosaction.bench.ActivityOverhead > "$WORK/warm"
row "Warm, per HTTP probe to a loopback server" "" ""
row "  engine (whole activity, journal included)" "$(awk '/engine:/ {print $4" ms wall, "$7" ms cpu"}' "$WORK/warm")" "< 0.5 ms (Chaos Toolkit ~1.4 ms)"
row "  bare OkHttp loop" "$(awk '/bare OkHttp:/ {print $5" ms wall, "$8" ms cpu"}' "$WORK/warm")" ""
row "  ratio engine / bare" "$(awk '/ratio/ {print $3" wall, "$5" cpu"}' "$WORK/warm")" "< 1.1"

echo "== the load probe's own cost: one core (taskset -c 0) driving a loopback server in another JVM (core 1)"
taskset -c 1 "$JAVA" -cp "$CP" dev.chaosaction.bench.LoopbackServer > "$WORK/url1" &
for _ in $(seq 300); do [ -s "$WORK/url1" ] && break; sleep 0.1; done
taskset -c 0 "$JAVA" -cp "$CP" dev.chaosaction.bench.MeasureCost "$(cat "$WORK/url1")" > "$WORK/measure"
row "Requests per second from one core, keep-alive, loopback" "median of 5 rounds" "process CPU per request"
while IFS= read -r line; do
  case "$line" in
    *req/s*) row "  ${line%%:*}" "$(echo "${line#*: }" | cut -d, -f1)" "$(echo "${line#*: }" | cut -d, -f2 | xargs)" ;;
    *) row "  ${line%%:*}" "" "${line#*: }" ;;
  esac
done < "$WORK/measure"

echo "== terminate_pods(all=True) against the simulated cluster ($TERMINATE_RUNS runs)"
: > "$WORK/terminate"
for _ in $(seq "$TERMINATE_RUNS"); do
  "$JAVA" -cp "$CP" dev.chaosaction.bench.PodTermination 10 100 1000 2> "$WORK/terr" >> "$WORK/terminate" \
    || echo "a terminate_pods run failed (left out): $(grep -m1 -o 'Caused by: .*' "$WORK/terr" | cut -c1-200)"
done
row "terminate_pods(all=True), fabric8 mock API server (CRUD)" "median" "goal: 1000 pods < 0.3 s"
for n in 10 100 1000; do
  grep -E "^terminate_pods\(all=True\), +$n pods" "$WORK/terminate" > "$WORK/t$n"
  row "  $n pods through the engine: one list, then the deletes" "$(grep -o 'pods: [0-9.]*' "$WORK/t$n" | cut -d' ' -f2 | median) s" ""
  row "  $n deletes straight from 1 / 8 threads (the server alone)" \
    "$(grep -o '[0-9.]* s from 1' "$WORK/t$n" | cut -d' ' -f1 | median) s / $(grep -o '[0-9.]* s from 8' "$WORK/t$n" | cut -d' ' -f1 | median) s" ""
done
row "  client from a kubeconfig, first call in a fresh JVM" "$(grep -o 'first call in a fresh JVM: [0-9.]*' "$WORK/terminate" | cut -d' ' -f7 | median) s" "(opens it and lists pods)"

echo
echo "== $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $("$JAVA" -version 2>&1 | head -1)"
echo "   load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-62s %-24s %s\n' "figure" "value" "goal / note"
cat "$ROWS"
