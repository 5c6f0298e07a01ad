# shellcheck shell=bash
# Sourced by .ci/run: actionlint, built from its Go module at a pinned version, in CHAOS_TOOLS_BIN.
# shellcheck source=.ci/go-tool.sh
source .ci/go-tool.sh
go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint v1.7.12
