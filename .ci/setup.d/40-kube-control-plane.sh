# shellcheck shell=bash
# Sourced by .ci/run: a real Kubernetes control plane for the tests, the sandbox and the benchmarks (etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler and kwok), built by kube/build.sh from pinned Go
# modules into CHAOS_CI_HOME (Go's module and build caches there too) and reused while the pins hold.
# Exports CHAOS_KUBE_BIN. A cold build takes about half an hour on 2 cores; a reuse, a second.
export GOMODCACHE="${GOMODCACHE:-$CHAOS_CI_HOME/go/mod}" GOCACHE="${GOCACHE:-$CHAOS_CI_HOME/go/cache}"
export GOFLAGS="${GOFLAGS:--modcacherw}"
# shellcheck source=kube/build.sh
source kube/build.sh
