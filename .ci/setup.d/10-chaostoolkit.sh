# shellcheck shell=bash
# Chaos Toolkit, the oracle of the differential suite (compat/): a virtual environment in CHAOS_CI_HOME with
# exactly compat/requirements.txt, made once per version of that file (its hash names the directory).
# Sourced by .ci/run; exports CHAOS_CTK_HOME ($CHAOS_CTK_HOME/bin/chaos).

chaos_ctk_setup() {
  local repo requirements hash venv python
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  requirements="$repo/compat/requirements.txt"
  hash="$(sha256sum "$requirements" | cut -c1-16)"
  venv="${CHAOS_CI_HOME:?CHAOS_CI_HOME is not set}/ctk-$hash"
  if [ ! -x "$venv/bin/chaos" ] || [ ! -e "$venv/.complete" ]; then
    # The interpreter itself, never a version manager's shim (a shim may resolve to another Python later).
    if [ -x /usr/bin/python3 ]; then
      python=/usr/bin/python3
    else
      python="$(readlink -f "$(command -v python3)")"
    fi
    echo "Chaos Toolkit: making $venv with $python"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
    touch "$venv/.complete"
  fi
  export CHAOS_CTK_HOME="$venv"
  echo "Chaos Toolkit: $("$venv/bin/chaos" --no-version-check --version 2>&1 | head -n 1) in $CHAOS_CTK_HOME"
}
chaos_ctk_setup
unset -f chaos_ctk_setup
