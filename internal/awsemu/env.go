package awsemu

import "testing"

// TestAccessKey is the access key ID tests sign with; shaped like a real
// one, so a test can prove it never reaches an output.
const TestAccessKey = "AKIAEMULATOR0000TEST"

// TestSecretKey is the secret key tests sign with.
const TestSecretKey = "emulator-secret-key"

// Isolate makes the SDK's default chain see only the emulator's static
// test credentials: no profile, no config or credentials file, no instance
// metadata, no CA bundle or endpoint from this machine, no retry settings.
func Isolate(t testing.TB) {
	t.Helper()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID":                      TestAccessKey,
		"AWS_SECRET_ACCESS_KEY":                  "emulator-secret-key",
		"AWS_SESSION_TOKEN":                      "",
		"AWS_REGION":                             "us-east-1",
		"AWS_DEFAULT_REGION":                     "",
		"AWS_PROFILE":                            "",
		"AWS_DEFAULT_PROFILE":                    "",
		"AWS_CONFIG_FILE":                        "/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE":            "/dev/null",
		"AWS_EC2_METADATA_DISABLED":              "true",
		"AWS_CA_BUNDLE":                          "",
		"AWS_ENDPOINT_URL":                       "",
		"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS":    "true",
		"AWS_RETRY_MODE":                         "",
		"AWS_MAX_ATTEMPTS":                       "",
		"AWS_ROLE_ARN":                           "",
		"AWS_WEB_IDENTITY_TOKEN_FILE":            "",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI":     "",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
	} {
		t.Setenv(k, v)
	}
}
