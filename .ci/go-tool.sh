# shellcheck shell=bash
# Sourced by the .ci/setup.d steps that build a tool from its Go module. `go_tool NAME PACKAGE VERSION` builds
# PACKAGE@VERSION into $CHAOS_CI_HOME/go/NAME-VERSION unless it is there (Go's module and build caches are kept
# in CHAOS_CI_HOME too), links it into CHAOS_TOOLS_BIN and sets go_tool_path to it.
go_tool() {
  local name=$1 package=$2 version=$3 dir
  dir="$CHAOS_CI_HOME/go/$name-$version"
  if [ ! -x "$dir/$name" ]; then
    echo "setup: building $name $version into $dir"
    command -v go >/dev/null 2>&1 || PATH="/usr/local/go/bin:$PATH"
    GOBIN="$dir" GOMODCACHE="$CHAOS_CI_HOME/go/mod" GOCACHE="$CHAOS_CI_HOME/go/cache" GOFLAGS=-modcacherw \
      go install "$package@$version"
  fi
  export CHAOS_TOOLS_BIN="${CHAOS_TOOLS_BIN:-$CHAOS_CI_HOME/bin}"
  mkdir -p "$CHAOS_TOOLS_BIN"
  ln -sfn "$dir/$name" "$CHAOS_TOOLS_BIN/$name"
  # shellcheck disable=SC2034 # read by the step that sources this file
  go_tool_path="$dir/$name"
}
