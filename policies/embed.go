package policies

import (
	"embed"
	"io/fs"
)

//go:embed data.json lib aws alicloud
var files embed.FS

// FS returns the built-in policies: every .rego file (checks, helpers and
// their _test.rego unit tests) and data.json with the default parameters.
// Paths are slash-separated and relative to this directory
// ("aws/ec2/sg_no_public_ssh.rego").
func FS() fs.FS { return files }

// DataFile is the path in FS of the default parameters document,
// {"kansa": {"config": {...}}}.
const DataFile = "data.json"
