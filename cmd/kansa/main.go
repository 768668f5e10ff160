// Command kansa checks Terraform code, plans and cloud accounts for missing
// audit logs and SSH/RDP open to the internet. See `kansa --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/kansa-sec/kansa/internal/cli"
	"github.com/kansa-sec/kansa/internal/gctune"
)

func main() {
	// A scan is short-lived and allocates many times its live heap: let
	// the heap grow before collecting (GOGC or GOMEMLIMIT set by the user win).
	gctune.Start(gctune.DefaultFloor, os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
