#!/usr/bin/env bash
# Builds a Kubernetes control plane for tests from pinned Go modules: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler (kube/go.mod) and kwok, which plays the nodes' kubelets
# (kube/kwok/go.mod, its own module because kwok pins other k8s.io versions), plus kwok.yaml, the stages kwok
# plays for nodes and pods. They go to $CHAOS_CI_HOME/kube-<hash of the pins and this script>/bin and are
# reused while those hold. Prints what it built; exports CHAOS_KUBE_BIN when sourced (.ci/setup.d does).
# KUBE_BUILD_FLAGS overrides the restraint (default -p=1: the build shares small machines).
set -euo pipefail

kube_build() {
  local kube_dir home k8s_version key bin tmp minor ldflags started stages f p
  kube_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  home="${CHAOS_CI_HOME:-$HOME/.cache/chaos-action-ci}"
  k8s_version="$(awk '$1 == "k8s.io/kubernetes" { print $2; exit }' "$kube_dir/go.mod")"
  key="$(cat "$kube_dir/build.sh" "$kube_dir/go.mod" "$kube_dir/go.sum" "$kube_dir/kwok/go.mod" \
    "$kube_dir/kwok/go.sum" "$kube_dir/kwok/pod-delete.yaml" | sha256sum | cut -c1-12)"
  bin="$home/kube-$key/bin"
  local programs=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
  local complete=true
  for p in "${programs[@]}" kwok.yaml; do [ -s "$bin/$p" ] || complete=false; done

  if $complete; then
    echo "kube: reusing $bin"
  else
    command -v go >/dev/null 2>&1 || PATH="/usr/local/go/bin:$PATH"
    command -v go >/dev/null 2>&1 || { echo "kube: no Go toolchain, cannot build the control plane" >&2; return 1; }
    started=$SECONDS
    tmp="$bin.tmp.$$"
    rm -rf "$tmp" && mkdir -p "$tmp"
    minor="${k8s_version#v1.}"; minor="${minor%%.*}"
    # The API server derives its emulation and compatibility versions from these; unset, it claims v0.0.0.
    ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$k8s_version"
    ldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
    ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
    ldflags+=" -X k8s.io/component-base/version.buildDate=1970-01-01T00:00:00Z"
    local flags
    read -r -a flags <<< "${KUBE_BUILD_FLAGS:--p=1}"
    flags+=(-trimpath)
    echo "kube: building kubernetes $k8s_version, etcd and kwok into $bin (go $(go env GOVERSION))"
    (cd "$kube_dir" && CGO_ENABLED=0 go build "${flags[@]}" -ldflags "$ldflags" -o "$tmp/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler)
    (cd "$kube_dir" && CGO_ENABLED=0 go build "${flags[@]}" -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3)
    (cd "$kube_dir/kwok" && CGO_ENABLED=0 go build "${flags[@]}" -ldflags "-s -w" -o "$tmp/kwok" sigs.k8s.io/kwok/cmd/kwok)
    # kwok reads its stages from a config file; kwokctl embeds these same ones, kwok alone has none.
    stages="$(cd "$kube_dir/kwok" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage"
    for f in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease pod/fast/pod-ready \
        pod/fast/pod-complete; do
      cat "$stages/$f.yaml" && echo '---'
    done > "$tmp/kwok.yaml"
    cat "$kube_dir/kwok/pod-delete.yaml" >> "$tmp/kwok.yaml"
    rm -rf "$bin" && mv "$tmp" "$bin"
    echo "kube: built in $((SECONDS - started)) s"
  fi
  echo "kube: $("$bin/kube-apiserver" --version), $("$bin/kube-controller-manager" --version)," \
    "$("$bin/kube-scheduler" --version), etcd $("$bin/etcd" --version | awk 'NR == 1 { print $3 }')," \
    "kwok $("$bin/kwok" --version 2>&1 | head -n 1) in $bin"
  export CHAOS_KUBE_BIN="$bin"
}

kube_build
