# shellcheck shell=bash
# Sourced by .ci/run: moto's server (AWS emulated), cfn-lint with the SAM translator, check-jsonschema (with
# SchemaStore's schemas vendored) and shellcheck, from the pinned set in .ci/requirements-tools.txt, in a venv
# under CHAOS_CI_HOME named after that file's hash (a new pin makes a new venv; an unchanged one is reused).
# Exports CHAOS_MOTO_SERVER and links the tools into CHAOS_TOOLS_BIN.
tools_requirements=.ci/requirements-tools.txt
tools_venv="$CHAOS_CI_HOME/tools-$(sha256sum "$tools_requirements" | cut -c1-16)"
# A venv cannot be moved once made, so a marker file says this one was finished.
if [ ! -f "$tools_venv/.complete" ]; then
  echo "setup: installing $tools_requirements into $tools_venv"
  rm -rf "$tools_venv"
  "${CHAOS_PYTHON:-python3}" -m venv "$tools_venv"
  "$tools_venv/bin/pip" install -q --disable-pip-version-check --no-deps -r "$tools_requirements"
  "$tools_venv/bin/pip" check -q --disable-pip-version-check
  touch "$tools_venv/.complete"
fi
export CHAOS_TOOLS_BIN="${CHAOS_TOOLS_BIN:-$CHAOS_CI_HOME/bin}"
mkdir -p "$CHAOS_TOOLS_BIN"
for tool in moto_server cfn-lint check-jsonschema shellcheck aws; do
  ln -sfn "$tools_venv/bin/$tool" "$CHAOS_TOOLS_BIN/$tool"
done
export CHAOS_MOTO_SERVER="$tools_venv/bin/moto_server"
unset tools_requirements tools_venv tool
