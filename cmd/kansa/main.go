// Command kansa checks Terraform code, plans and cloud accounts for missing
// audit logs and SSH/RDP open to the internet. See `kansa --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/kansa-sec/kansa/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
