package alicloud

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"sync"

	"github.com/kansa-sec/kansa/scanners/internal/cloudutil"
)

// fakeAPI answers the adapters' calls from memory: a JSON body or an error
// per "op region" key (region "" for global calls), and records the calls
// with their parameters.
type fakeAPI struct {
	mu      sync.Mutex
	answers map[string]any // body (JSON text or value) or error
	calls   []fakeCall
}

type fakeCall struct {
	op, region, target string
	q                  map[string]string
}

var (
	_ rpcCaller = (*fakeAPI)(nil)
	_ slsCaller = (*fakeAPI)(nil)
	_ ossReader = (*fakeAPI)(nil)
)

func newFake(answers map[string]any) *fakeAPI { return &fakeAPI{answers: answers} }

func (f *fakeAPI) answer(op fmtOp, region, target string, q map[string]string, out any) error {
	f.mu.Lock()
	f.calls = append(f.calls, fakeCall{op.String(), region, target, q})
	f.mu.Unlock()
	key := op.String() + " " + region
	if target != "" {
		if _, ok := f.answers[key+" "+target]; ok {
			key += " " + target
		}
	}
	a, ok := f.answers[key]
	if !ok {
		return &apiError{op: op.String(), code: "NotInFake", msg: key}
	}
	switch v := a.(type) {
	case error:
		return v
	case func(q map[string]string) string:
		return json.Unmarshal([]byte(v(q)), out)
	case string:
		return json.Unmarshal([]byte(v), out)
	default:
		return decodeBody(v, out)
	}
}

func (f *fakeAPI) callRPC(_ context.Context, op rpcOp, region string, q map[string]string, out any) error {
	return f.answer(op, region, "", q, out)
}

func (f *fakeAPI) callSLS(_ context.Context, op slsOp, region, project, path string, q map[string]string, out any) error {
	target := project
	if op == opGetLogStore {
		target = path
	}
	return f.answer(op, region, target, q, out)
}

func (f *fakeAPI) bucketACL(_ context.Context, region, bucket string) (string, error) {
	var s string
	err := f.answer(opGetBucketACL, region, bucket, nil, &s)
	return s, err
}

func (f *fakeAPI) bucketLocation(_ context.Context, region, bucket string) (string, error) {
	var s string
	err := f.answer(opGetBucketLocation, region, bucket, nil, &s)
	return s, err
}

func (f *fakeAPI) count(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c.op == op {
			n++
		}
	}
	return n
}

// newRun returns a run over fake for account 1234567890123456.
func newRun(fake *fakeAPI) *run {
	return &run{
		log:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		rpc:      fake,
		sls:      fake,
		oss:      fake,
		parallel: 2,
		account:  "1234567890123456",
		gaps:     &cloudutil.Gaps{},
	}
}

// denied is the error of a call RAM refuses.
func denied(op fmtOp) error {
	return &apiError{op: op.String(), code: "Forbidden.RAM", status: 403, msg: "User not authorized to operate on the specified resource."}
}
