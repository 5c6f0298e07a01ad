#!/bin/bash
# The Action's entry point in its image (/opt/chaos/entrypoint): GitHubAction on the image's trimmed Java
# (/opt/java) with the AOT cache that fits the run. The JVM loads every class of its cache at start, so the
# image has two, which train.sh makes while the image is built: one trained on a pod termination, for an
# experiment that names chaosk8s, and one for the others. The options (measured in bench/run.sh and
# bench/image.sh): C1 only, compiling methods used five times more than the default thresholds, the serial
# collector with a 16 MiB initial heap and a 2 MiB young generation (2 MiB less peak memory, as fast), and no
# perf-data file: a run is short and mostly waits. bin/chaos starts the JVM with the same options.
# Bash, not sh: the runner names inputs with their hyphens (INPUT_FAIL-ON), and dash, Debian's sh, drops such
# variables from the environment it passes on; bash keeps them.
# With CHAOS_AOT_OUTPUT=FILE it makes a cache instead (train.sh), with the same command line, as the JVM wants.
set -eu
here=${0%/*}
cache=$here/chaos.aot
experiment=${INPUT_EXPERIMENT:-}
case $experiment in
  "" | /*) ;;
  *) experiment=${GITHUB_WORKSPACE:-.}/$experiment ;;
esac
if [ -f "$experiment" ] && grep -qs chaosk8s "$experiment"; then cache=$here/chaos-kubernetes.aot; fi
aot=-XX:AOTCache=$cache
if [ -n "${CHAOS_AOT_OUTPUT:-}" ]; then aot=-XX:AOTCacheOutput=$CHAOS_AOT_OUTPUT; fi
exec "$here/../java/bin/java" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -XX:+UseSerialGC -Xms16m \
  -Xmn2m -XX:-UsePerfData "$aot" -cp "$here/chaos.jar" dev.chaosaction.action.GitHubAction
