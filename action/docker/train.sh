#!/bin/sh
# Makes the image's two AOT caches (see entrypoint.sh) by running the entry point itself on the training
# experiments beside this script:
#   sh train.sh CHAOS_HOME SANDBOX_JAVA SANDBOX_JARS
# CHAOS_HOME holds chaos.jar and the entrypoint (/opt/chaos, beside /opt/java); SANDBOX_JAVA is a full JDK's
# java and SANDBOX_JARS the build's chaos-sandbox folder, both there only while the image is built. The endpoints
# the trainings call are served by other processes (a health endpoint; `chaos sandbox`, the simulated cluster),
# so that the caches hold only what a run loads. Talks only to 127.0.0.1; any failure fails the build.
set -eu
home=$1
sandbox_java=$2
sandbox_jars=$3
here=$(cd "${0%/*}" && pwd)
work=$(mktemp -d)
cluster=""
trap 'exec 3>&-; [ -z "$cluster" ] || kill "$cluster"; rm -rf "$work"' EXIT
# Waits up to 120 s for a file to name a variable.
await() {
  i=0
  while ! grep -qs "$2" "$1"; do
    i=$((i + 1))
    if [ $i -gt 1200 ]; then echo "train.sh: no $2 from $1" >&2; cat "$1" >&2; exit 1; fi
    sleep 0.1
  done
}
# One run of the entry point, as the runner starts it, recording a cache: train FILE EXPERIMENT
train() {
  rm -rf "$work/workspace" "$work/runner"
  mkdir -p "$work/workspace" "$work/runner"
  cp "$here/$2" "$work/workspace/experiment.json"
  env GITHUB_ACTIONS=true GITHUB_WORKSPACE="$work/workspace" GITHUB_OUTPUT="$work/runner/output" \
    GITHUB_STEP_SUMMARY="$work/runner/summary" INPUT_EXPERIMENT=experiment.json \
    INPUT_ALLOWED-PROVIDERS=http,process,python INPUT_EGRESS-ALLOW=127.0.0.1 \
    INPUT_ALLOWED-ENV=CHAOS_BASE_URL,CHAOS_NAMESPACE \
    CHAOS_AOT_OUTPUT="$1" "$home/entrypoint" > "$work/runner/log" 2>&1 \
    || { cat "$work/runner/log" >&2; exit 1; }
}

# The health endpoint stops when this script's end closes its input.
mkfifo "$work/in"
"$home/../java/bin/java" -cp "$home/chaos.jar" dev.chaosaction.cli.Training serve < "$work/in" > "$work/health" &
exec 3> "$work/in"
await "$work/health" CHAOS_BASE_URL
# shellcheck disable=SC1091 # the file is the server's
. "$work/health"
export CHAOS_BASE_URL
train "$home/chaos.aot" training-experiment.json

"$sandbox_java" -cp "$home/chaos.jar:$sandbox_jars/*" dev.chaosaction.cli.Chaos sandbox --recreate-delay 0 \
  > "$work/cluster" 2> "$work/cluster.log" &
cluster=$!
await "$work/cluster" CHAOS_NAMESPACE
# shellcheck disable=SC1091 # the file is the sandbox's
. "$work/cluster"
export KUBECONFIG CHAOS_BASE_URL CHAOS_NAMESPACE
train "$home/chaos-kubernetes.aot" training-kubernetes.json
