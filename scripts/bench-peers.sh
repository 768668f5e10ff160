#!/usr/bin/env bash
# Measures kansa side by side with other Terraform scanners on the same
# generated corpus (internal/benchcorpus), in one run on one machine:
# conftest, Trivy (`trivy config`) and tfsec. Never run in CI: the peers are
# not part of the project and are not installed by it.
#
#   scripts/bench-peers.sh                       # scales 1 and 4, 3 runs each
#   SCALES="1 4 16" RUNS=5 scripts/bench-peers.sh
#   CONFTEST=/opt/bin/conftest TRIVY=... TFSEC=... KANSA=... scripts/bench-peers.sh
#
# Each peer is taken from its environment variable (CONFTEST, TRIVY, TFSEC)
# or else from PATH; a peer that is found in neither is left out. kansa is
# built from this repository unless KANSA names a binary. Install the peers
# at explicit versions, for example with `go install MODULE/cmd/TOOL@vX.Y.Z`
# (Trivy has to be built from its downloaded module, with GOEXPERIMENT=jsonv2);
# see BENCHMARKS.md for the versions measured there and how they were built.
#
# Every tool scans the whole corpus in one process, and the tools take turns
# run by run (the first tool of run r is tool r mod n), so that a change in
# the machine's load hits all of them alike. Reported per tool: median wall
# time, CPU time (user + sys) and peak RSS over RUNS runs, measured with GNU
# time, and kansa's time divided by the tool's (below 1: kansa is faster).
# Then what each tool saw in the last run, to show it scanned the corpus:
#
#   kansa     kansa scan terraform --format json .     (from the corpus dir;
#             the tree scan discovers every root module and follows its
#             module calls; "roots" counts roots that have a finding)
#   conftest  conftest test --parser hcl2 --output json --policy P .
#             (walks the tree and parses every .tf and .tfvars file into JSON;
#             one trivial policy, so it does almost no evaluation)
#   trivy     trivy config --format json --skip-check-update
#             --disable-telemetry --skip-version-check --cache-dir C .
#             (no network: with --skip-check-update and an empty cache it
#             falls back to the checks embedded in the binary, and logs an
#             ERROR line saying so; "roots" are the root modules it logs,
#             "targets" the files it reports on)
#   tfsec     tfsec live --format json --no-module-downloads
#             (tfsec picks as root modules the directories with .tf files at
#             the shallowest depth where it finds any, so over the corpus root
#             it would scan only modules/*/*, never the roots under live/;
#             over live/ it finds all of them and follows their ../ module
#             calls)
#
# Exit status 1 (findings) is expected of kansa, conftest and tfsec; any
# other non-zero status marks the tool as failed in the table.
#
# Needs Go and GNU time (/usr/bin/time; `apt-get install time` on Debian);
# needs no network.
set -euo pipefail

SCALES=${SCALES:-"1 4"}
# shellcheck source=scripts/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh" bench-peers.sh

# find TOOL ENVVAR: the binary named by $ENVVAR, or TOOL from PATH, or nothing.
find_tool() {
	local named=${!2:-}
	if [ -n "$named" ]; then
		command -v "$named" || { echo "bench-peers.sh: $2=$named is not executable" >&2; exit 2; }
	else
		command -v "$1" || true
	fi
}

# version BIN: the module version a Go binary was built from, else its own word.
version() {
	local v
	v=$(go version -m "$1" 2>/dev/null | awk '$1 == "mod" {print $3; exit}')
	if [ -z "$v" ] || [ "$v" = "(devel)" ]; then
		v=$("$1" --version 2>/dev/null | grep -m1 -oE 'v?[0-9]+\.[0-9]+\.[0-9]+' || true)
	fi
	echo "${v:-unknown}"
}

tools=(kansa)
declare -A bin=([kansa]=$kansa)
for t in conftest trivy tfsec; do
	var=$(echo "$t" | tr '[:lower:]' '[:upper:]')
	b=$(find_tool "$t" "$var")
	if [ -n "$b" ]; then
		tools+=("$t")
		bin[$t]=$b
	else
		echo "bench-peers.sh: $t not found (set $var or put it in PATH); left out" >&2
	fi
done

mkdir -p "$work/policy" "$work/trivy-cache"
# The trivial policy: one rule on one attribute, the least evaluation a
# policy can do beyond parsing.
cat >"$work/policy/trivial.rego" <<'EOF'
package main

deny contains msg if {
	some name
	input.resource.aws_s3_bucket[name].acl == "public-read-write"
	msg := sprintf("bucket %s is public", [name])
}
EOF

# run TOOL OUT ERR: one timed scan of the corpus in the current directory.
run() {
	local t=$1 out=$2 err=$3
	local -a cmd
	case $t in
	kansa) cmd=("${bin[kansa]}" scan terraform --format json .) ;;
	conftest) cmd=("${bin[conftest]}" test --parser hcl2 --output json --policy "$work/policy" .) ;;
	trivy) cmd=("${bin[trivy]}" config --format json --skip-check-update --disable-telemetry
		--skip-version-check --cache-dir "$work/trivy-cache" .) ;;
	tfsec) cmd=("${bin[tfsec]}" live --format json --no-module-downloads --no-colour) ;;
	esac
	"$GNU_TIME" -f '%e %U %S %M' -o "$work/time" "${cmd[@]}" >"$out" 2>"$err"
}

# saw TOOL OUT ERR: what the tool reported, to show it scanned the corpus.
saw() {
	local out=$2 err=$3
	case $1 in
	kansa)
		printf 'roots %d, fail %d, pass %d' \
			"$(grep -o '"root": *"[^"]*"' "$out" | sort -u | wc -l)" \
			"$(grep -c '"status": *"fail"' "$out" || true)" \
			"$(grep -c '"status": *"pass"' "$out" || true)" ;;
	conftest)
		printf 'files %d, failures %d' \
			"$(grep -c '"filename":' "$out" || true)" \
			"$(grep -c '"msg":' "$out" || true)" ;;
	trivy)
		printf 'roots %d, targets %d, FAIL %d' \
			"$(grep -c 'Scanning root module' "$err" || true)" \
			"$(grep -c '"Target":' "$out" || true)" \
			"$(grep -c '"Status": *"FAIL"' "$out" || true)" ;;
	tfsec)
		printf 'results %d, files %d' \
			"$(grep -c '"rule_id":' "$out" || true)" \
			"$(grep -o '"filename": *"[^"]*"' "$out" | sort -u | wc -l)" ;;
	esac
}


echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3-), $(uname -sr)"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)   seed $SEED, median of $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for t in "${tools[@]}"; do
	v=$(version "${bin[$t]}")
	[ "$t" != kansa ] || v=${kansa_version:-$v}
	printf '  %-9s %-14s %s\n' "$t" "$v" "${bin[$t]}"
done
echo "ratios are kansa / tool (below 1: kansa is faster); CPU is user+sys, steadier than wall on a shared machine"

n=${#tools[@]}
for scale in $SCALES; do
	dir="$work/corpus-$scale"
	stats=$("$gencorpus" -scale "$scale" -seed "$SEED" -out "$dir")
	echo
	echo "scale $scale: $stats"
	: >"$work/load"
	for t in "${tools[@]}"; do : >"$work/$t.wall"; : >"$work/$t.cpu"; : >"$work/$t.rss"; echo 0 >"$work/$t.bad"; done
	for r in $(seq 0 $((RUNS - 1))); do
		for i in $(seq 0 $((n - 1))); do
			t=${tools[$(((r + i) % n))]}
			status=0
			cut -d' ' -f1 /proc/loadavg >>"$work/load"
			(cd "$dir" && run "$t" "$work/$t.out" "$work/$t.err") || status=$?
			if [ "$status" -gt 1 ]; then
				echo "bench-peers.sh: $t exited $status at scale $scale:" >&2
				grep -v '^$' "$work/$t.err" | tail -5 >&2
				echo "$status" >"$work/$t.bad"
			fi
			echo "$status" >"$work/$t.status"
			read -r wall user sys rss < <(tail -n 1 "$work/time")
			echo "$wall" >>"$work/$t.wall"
			echo "$user $sys" | awk '{print $1+$2}' >>"$work/$t.cpu"
			echo "$rss" >>"$work/$t.rss"
		done
	done
	kwall=$(median <"$work/kansa.wall")
	kcpu=$(median <"$work/kansa.cpu")
	printf '%-9s %5s %8s %8s %9s %11s %10s  %s\n' tool exit wall_s cpu_s peak_MiB kansa/wall kansa/cpu "saw (last run)"
	for t in "${tools[@]}"; do
		wall=$(median <"$work/$t.wall"); cpu=$(median <"$work/$t.cpu"); rss=$(median <"$work/$t.rss")
		st=$(cat "$work/$t.status")
		[ "$(cat "$work/$t.bad")" = 0 ] || st="FAILED($(cat "$work/$t.bad"))"
		awk -v t="$t" -v s="$st" -v w="$wall" -v c="$cpu" -v m="$rss" -v kw="$kwall" -v kc="$kcpu" -v saw="$(saw "$t" "$work/$t.out" "$work/$t.err")" \
			'BEGIN {printf "%-9s %5s %8.2f %8.2f %9.0f %11.3f %10.3f  %s\n", t, s, w, c, m/1024, kw/w, kc/c, saw}'
	done
	echo "load average (1 min) when each run started: $(sort -g "$work/load" | sed -n '1p;$p' | paste -sd- -), median $(median <"$work/load"); now $(cut -d' ' -f1-3 /proc/loadavg)"
done
