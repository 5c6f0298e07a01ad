# shellcheck shell=bash
# Sourced by .ci/run: Mermaid's browser bundle, the renderer behind GitHub's ```mermaid blocks, for the test that
# draws the step summary's charts in Chromium. npm pack fetches the one pinned package (its dist/mermaid.min.js
# is self-contained, so no dependencies) into CHAOS_CI_HOME. Exports CHAOS_MERMAID_JS.
mermaid_version=11.12.2
mermaid_home="$CHAOS_CI_HOME/mermaid-$mermaid_version"
if [ ! -f "$mermaid_home/.complete" ]; then
  echo "setup: fetching mermaid $mermaid_version into $mermaid_home"
  rm -rf "$mermaid_home"
  mkdir -p "$mermaid_home"
  (cd "$mermaid_home" && npm pack --silent "mermaid@$mermaid_version" >/dev/null \
    && tar -xzf "mermaid-$mermaid_version.tgz" package/dist/mermaid.min.js package/LICENSE \
    && rm "mermaid-$mermaid_version.tgz")
  touch "$mermaid_home/.complete"
fi
export CHAOS_MERMAID_JS="$mermaid_home/package/dist/mermaid.min.js"
unset mermaid_version mermaid_home
