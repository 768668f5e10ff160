#!/usr/bin/env bash
# Measures `kansa scan terraform` on generated corpora (internal/benchcorpus)
# at several scales: wall time, CPU time and peak RSS, median of RUNS runs,
# and files/s and lines/s over the whole corpus. Each corpus is scanned as a
# tree, the way a monorepo is: `kansa scan terraform .` from its directory
# discovers the root modules and scans them concurrently. With TARGETS=roots
# the generator's list of root modules is passed instead, one target after
# another (what this script measured before tree scans existed).
#
#   scripts/bench.sh                      # scales 1 4 16, 3 runs each
#   SCALES="1 4" RUNS=5 scripts/bench.sh
#   KANSA=/some/kansa scripts/bench.sh   # a binary built elsewhere
#
# Needs Go and GNU time (/usr/bin/time; `apt-get install time` on Debian).
set -euo pipefail

SCALES=${SCALES:-"1 4 16"}
# shellcheck source=scripts/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh" bench.sh

echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3-), $(uname -sr)"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)   seed $SEED, median of $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "files/s and lines/s are per wall second; files/cpu_s per CPU second (user+sys), steadier on a shared machine"
printf '\n%-6s %7s %9s %6s %8s %8s %9s %8s %9s %11s %9s\n' scale files lines roots wall_s cpu_s peak_MiB files/s lines/s files/cpu_s findings
first_wall=""
for scale in $SCALES; do
	dir="$work/corpus-$scale"
	stats=$("$gencorpus" -scale "$scale" -seed "$SEED" -out "$dir" -roots "$work/roots-$scale")
	files=$(echo "$stats" | awk '{print $1}')
	lines=$(echo "$stats" | awk '{print $3}')
	mapfile -t targets <"$work/roots-$scale"
	roots=${#targets[@]}
	if [ "${TARGETS:-tree}" = tree ]; then
		targets=(.)
	fi
	: >"$work/walls"; : >"$work/cpus"; : >"$work/rss"
	for _ in $(seq "$RUNS"); do
		status=0
		(cd "$dir" && "$GNU_TIME" -f '%e %U %S %M' -o "$work/time" \
			"$kansa" scan terraform --format json "${targets[@]}" >"$work/out.json" 2>"$work/err") || status=$?
		if [ "$status" -gt 1 ]; then
			echo "bench.sh: kansa exited $status at scale $scale:" >&2
			head -20 "$work/err" >&2
			exit 1
		fi
		read -r wall user sys rss < <(tail -n 1 "$work/time")
		echo "$wall" >>"$work/walls"
		echo "$user $sys" | awk '{print $1+$2}' >>"$work/cpus"
		echo "$rss" >>"$work/rss"
	done
	wall=$(median <"$work/walls"); cpu=$(median <"$work/cpus"); rss=$(median <"$work/rss")
	findings=$(grep -o '"status": *"fail"' "$work/out.json" | wc -l || true)
	awk -v s="$scale" -v f="$files" -v l="$lines" -v r="$roots" -v w="$wall" -v c="$cpu" -v m="$rss" -v n="$findings" \
		'BEGIN {printf "%-6s %7d %9d %6d %8.2f %8.2f %9.0f %8.0f %9.0f %11.0f %9d\n", s, f, l, r, w, c, m/1024, f/w, l/w, f/c, n}'
	if [ -z "$first_wall" ]; then
		first_wall=$wall first_cpu=$cpu first_scale=$scale first_files=$files
	else
		awk -v a="$first_wall" -v b="$wall" -v ca="$first_cpu" -v cb="$cpu" -v sa="$first_scale" -v sb="$scale" -v fa="$first_files" -v fb="$files" \
			'BEGIN {printf "       %sx/%sx: wall %.2f, CPU %.2f, files %.2f\n", sb, sa, b/a, cb/ca, fb/fa}'
	fi
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
