# shellcheck shell=bash
# Sourced by .ci/run: the AWS Lambda Runtime Interface Emulator, built from its Go module at a pinned version
# (the module publishes no tag the Go proxy serves, so the pin is a pseudo-version of a commit) into
# CHAOS_CI_HOME; exported as CHAOS_LAMBDA_RIE and linked into CHAOS_TOOLS_BIN.
rie_version=v0.0.0-20261030222936-bef5c4ba774d
rie_dir="$CHAOS_CI_HOME/go/aws-lambda-rie-$rie_version"
if [ ! -x "$rie_dir/aws-lambda-rie" ]; then
  echo "setup: building aws-lambda-rie $rie_version into $rie_dir"
  command -v go >/dev/null 2>&1 || PATH="/usr/local/go/bin:$PATH"
  GOBIN="$rie_dir" GOMODCACHE="$CHAOS_CI_HOME/go/mod" GOCACHE="$CHAOS_CI_HOME/go/cache" GOFLAGS=-modcacherw \
    go install "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@$rie_version"
fi
export CHAOS_TOOLS_BIN="${CHAOS_TOOLS_BIN:-$CHAOS_CI_HOME/bin}"
mkdir -p "$CHAOS_TOOLS_BIN"
ln -sfn "$rie_dir/aws-lambda-rie" "$CHAOS_TOOLS_BIN/aws-lambda-rie"
export CHAOS_LAMBDA_RIE="$rie_dir/aws-lambda-rie"
unset rie_version rie_dir
