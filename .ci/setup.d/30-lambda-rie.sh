# shellcheck shell=bash
# Sourced by .ci/run: the AWS Lambda Runtime Interface Emulator, built from its Go module, exported as
# CHAOS_LAMBDA_RIE and in CHAOS_TOOLS_BIN. The Go proxy serves none of the module's tags, so the pin is the
# pseudo-version of a commit.
# shellcheck source=.ci/go-tool.sh
source .ci/go-tool.sh
go_tool aws-lambda-rie github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie \
  v0.0.0-20261030222936-bef5c4ba774d
export CHAOS_LAMBDA_RIE="$go_tool_path"
