# kansa developer tasks. `make help` lists them.
.PHONY: help build test test-short race vet fmt example conformance update-golden ci bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

build: ## build ./kansa
	go build -o kansa ./cmd/kansa

test: ## run every test (the README's test command)
	go test ./...

test-short: ## the fast tier
	go test -short ./...

race: ## tests under the race detector
	go test -race ./...

vet: ## go vet and gofmt check
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)

fmt: ## gofmt every Go file
	gofmt -w $$(git ls-files '*.go')

example: ## scan the embedded example (exit status 1: it has findings)
	go run ./cmd/kansa scan terraform testdata/examples/webapp

conformance: ## score against ../shared/conformance and rewrite testdata/conformance/score.md
	go test ./internal/conformance -run TestConformance -v -update

update-golden: ## rewrite golden files after an intended change
	go test ./... -update

bench: ## stage benchmarks at 1x (allocations), then kansa on 1x/4x/16x corpora (files/s, peak memory)
	go test -run '^$$' -bench . -benchtime 1x ./internal/bench/
	bash scripts/bench.sh

ci: ## what CI runs
	bash .ci/run
