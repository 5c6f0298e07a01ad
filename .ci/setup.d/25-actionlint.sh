# shellcheck shell=bash
# Sourced by .ci/run: actionlint, built from its Go module at a pinned version into CHAOS_CI_HOME (Go's module
# and build caches too), linked into CHAOS_TOOLS_BIN.
actionlint_version=v1.7.12
actionlint_dir="$CHAOS_CI_HOME/go/actionlint-$actionlint_version"
if [ ! -x "$actionlint_dir/actionlint" ]; then
  echo "setup: building actionlint $actionlint_version into $actionlint_dir"
  command -v go >/dev/null 2>&1 || PATH="/usr/local/go/bin:$PATH"
  GOBIN="$actionlint_dir" GOMODCACHE="$CHAOS_CI_HOME/go/mod" GOCACHE="$CHAOS_CI_HOME/go/cache" GOFLAGS=-modcacherw \
    go install "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version"
fi
export CHAOS_TOOLS_BIN="${CHAOS_TOOLS_BIN:-$CHAOS_CI_HOME/bin}"
mkdir -p "$CHAOS_TOOLS_BIN"
ln -sfn "$actionlint_dir/actionlint" "$CHAOS_TOOLS_BIN/actionlint"
unset actionlint_version actionlint_dir
