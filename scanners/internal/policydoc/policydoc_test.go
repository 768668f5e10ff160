package policydoc

import "testing"

func TestGrantsFullAdmin(t *testing.T) {
	tests := []struct {
		name      string
		doc       string
		admin, ok bool
	}{
		{"star", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, true, true},
		{"star colon star, single statement", `{"Statement":{"Effect":"Allow","Action":["*:*"],"Resource":["*"]}}`, true, true},
		{"deny", `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`, false, true},
		{"one service", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, false, true},
		{"one resource", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b"}]}`, false, true},
		{"no statement", `{"Version":"2012-10-17"}`, false, true},
		{"not JSON", `Statement: *`, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			admin, ok := GrantsFullAdmin(tt.doc)
			if admin != tt.admin || ok != tt.ok {
				t.Errorf("GrantsFullAdmin = %v, %v; want %v, %v", admin, ok, tt.admin, tt.ok)
			}
		})
	}
}

func TestGrantsPublic(t *testing.T) {
	tests := []struct {
		name       string
		doc        string
		public, ok bool
	}{
		{"star principal", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`, true, true},
		{"AWS star", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:GetObject"}]}`, true, true},
		{"with a condition", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`, false, true},
		{"a service", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject"}]}`, false, true},
		{"not JSON", `{`, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			public, ok := GrantsPublic(tt.doc)
			if public != tt.public || ok != tt.ok {
				t.Errorf("GrantsPublic = %v, %v; want %v, %v", public, ok, tt.public, tt.ok)
			}
		})
	}
}
