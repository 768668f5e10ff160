# Shared setup of scripts/bench.sh and scripts/bench-peers.sh; source it
# with the calling script's name: `. "$(dirname "$0")/bench-lib.sh" NAME`.
# It sets repo (the repository), work (a temporary directory removed on
# exit), gencorpus (the corpus generator, built) and kansa (the binary named
# by $KANSA, else built from the repository; kansa_version then names the
# commit), checks GNU time ($GNU_TIME, default /usr/bin/time) and defines
# median (of the numbers on stdin).
bench_name=$1
GNU_TIME=${GNU_TIME:-/usr/bin/time}
SEED=${SEED:-1}
RUNS=${RUNS:-3}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if ! "$GNU_TIME" -f %e true >/dev/null 2>&1; then
	echo "$bench_name: GNU time not found at $GNU_TIME (apt-get install time)" >&2
	exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/kansa-${bench_name%.sh}.XXXXXX")
trap 'rm -rf "$work"' EXIT

(cd "$repo" && go build -o "$work/gencorpus" ./internal/benchcorpus/cmd/gencorpus)
gencorpus=$work/gencorpus
if [ -n "${KANSA:-}" ]; then
	kansa=$KANSA
else
	(cd "$repo" && go build -o "$work/kansa" ./cmd/kansa)
	kansa=$work/kansa
	kansa_version="commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
fi

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
