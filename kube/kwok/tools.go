//go:build tools

// Package tools pins kwok, which simulates the nodes' kubelets; its own module because kwok pins other k8s.io versions.
package tools

import _ "sigs.k8s.io/kwok/cmd/kwok"
