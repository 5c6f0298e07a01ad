# shellcheck shell=bash
# Sourced by .ci/run: a real Prometheus server for the chaosprometheus probes' tests (prometheus/), Debian's
# package at a pinned version, downloaded with apt-get (no root needed) and unpacked with dpkg -x into
# CHAOS_CI_HOME, reused while the pin holds. Nothing is installed system-wide and nothing is started here: each
# test starts its own server on a free loopback port. Exports CHAOS_PROMETHEUS_BIN (the prometheus binary).
chaos_prometheus_setup() {
  local version=2.42.0+ds-5+deb12u1 dir download
  dir="${CHAOS_CI_HOME:?CHAOS_CI_HOME is not set}/prometheus-${version//[^A-Za-z0-9.-]/_}"
  if [ ! -e "$dir/.complete" ]; then
    echo "Prometheus: unpacking Debian's prometheus=$version into $dir"
    rm -rf "$dir"
    download="$(mktemp -d)"
    # As root, apt warns that its _apt user cannot write to this directory and downloads unsandboxed: harmless.
    # A fresh machine may have no package lists yet: read them once, then try again.
    if ! (cd "$download" && apt-get download -qq "prometheus=$version"); then
      if ! { apt-get update -qq && (cd "$download" && apt-get download -qq "prometheus=$version"); }; then
        rm -rf "$download"
        return 1
      fi
    fi
    dpkg -x "$download"/prometheus_*.deb "$dir"
    rm -rf "$download"
    touch "$dir/.complete"
  fi
  export CHAOS_PROMETHEUS_BIN="$dir/usr/bin/prometheus"
  echo "Prometheus: $("$CHAOS_PROMETHEUS_BIN" --version 2>&1 | head -n 1) at $CHAOS_PROMETHEUS_BIN"
}
chaos_prometheus_setup
unset -f chaos_prometheus_setup
