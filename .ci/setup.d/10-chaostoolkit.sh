# shellcheck shell=bash
# Chaos Toolkit, the oracle of the differential suite (compat/): a virtual environment in CHAOS_CI_HOME with
# exactly compat/requirements.txt, made once per version of that file (its hash names the directory); and a
# second one with compat/requirements-aws.txt (chaostoolkit-aws, whose botocore cannot share the first's
# python-dateutil), the oracle of CloudWatchProbesCliTest.
# Sourced by .ci/run; exports CHAOS_CTK_HOME and CHAOS_CTK_AWS_HOME ($CHAOS_CTK_HOME/bin/chaos).

# chaos_ctk_venv VARIABLE REQUIREMENTS NAME: makes $CHAOS_CI_HOME/NAME-<hash> if needed and exports VARIABLE.
chaos_ctk_venv() {
  local variable="$1" requirements="$2" name="$3" hash venv python
  hash="$(sha256sum "$requirements" | cut -c1-16)"
  venv="${CHAOS_CI_HOME:?CHAOS_CI_HOME is not set}/$name-$hash"
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
    "$venv/bin/pip" check -q --disable-pip-version-check
    touch "$venv/.complete"
  fi
  export "$variable=$venv"
  echo "Chaos Toolkit: $("$venv/bin/chaos" --no-version-check --version 2>&1 | head -n 1) in $venv ($variable)"
}
chaos_ctk_setup() {
  local repo
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  chaos_ctk_venv CHAOS_CTK_HOME "$repo/compat/requirements.txt" ctk
  chaos_ctk_venv CHAOS_CTK_AWS_HOME "$repo/compat/requirements-aws.txt" ctk-aws
}
chaos_ctk_setup
unset -f chaos_ctk_setup chaos_ctk_venv
