package terraform

import (
	"fmt"
	"testing"
)

// TestConfigRecorderStatus: a status is paired with the recorder its name
// references, even when recorders share a name; a literal name pairs by name.
func TestConfigRecorderStatus(t *testing.T) {
	s, _ := scan(t, files("main.tf", `
resource "aws_config_configuration_recorder" "a" { name = "example" }
resource "aws_config_configuration_recorder" "b" { name = "example" }
resource "aws_config_configuration_recorder" "c" { name = "literal" }
resource "aws_config_configuration_recorder" "d" { name = "none" }
variable "on" {}
resource "aws_config_configuration_recorder" "e" { name = "unresolved" }
resource "aws_config_configuration_recorder_status" "a" {
  name       = aws_config_configuration_recorder.a.name
  is_enabled = false
}
resource "aws_config_configuration_recorder_status" "b" {
  name       = aws_config_configuration_recorder.b.name
  is_enabled = true
}
resource "aws_config_configuration_recorder_status" "c" {
  name       = "literal"
  is_enabled = true
}
resource "aws_config_configuration_recorder_status" "e" {
  name       = aws_config_configuration_recorder.e.name
  is_enabled = var.on
}
`), Options{})
	got := map[string]string{}
	for _, r := range s.AWS.Config.Recorders {
		v := "nil"
		if r.Recording != nil {
			v = fmt.Sprint(*r.Recording)
		}
		if r.Meta.IsUnknown("recording") {
			v += " unknown"
		}
		got[r.Meta.Address] = v
	}
	want := map[string]string{
		"aws_config_configuration_recorder.a": "false",
		"aws_config_configuration_recorder.b": "true",
		"aws_config_configuration_recorder.c": "true",
		"aws_config_configuration_recorder.d": "nil",
		"aws_config_configuration_recorder.e": "nil unknown",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("recording = %v, want %v", got, want)
	}
}
