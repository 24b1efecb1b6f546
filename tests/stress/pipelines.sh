#!/bin/sh
# tests/stress/pipelines.sh [N] — N (default 40) pipelines of five
# processes each (a subshell | sort | head | tr | wc) alive at once: 200
# processes.  Each subshell waits for one line from a FIFO, then runs seq,
# so the pipelines start together once every one of them exists.  Prints
# how many of their processes ps saw before the start (where there is a
# ps) and "pipelines: N pipelines, N processes at once, N correct"; exit
# status 0 when every pipeline printed the right answer.
n=${1:-40}
dir=/tmp/pipelines.$$
mkdir -p "$dir" && mkfifo "$dir/gate" || exit 2
i=0
while [ $i -lt "$n" ]; do
    i=$((i + 1))
    (read -r start <"$dir/gate"; seq 1 2000) |
        sort -rn | head -n 100 | tr 0-9 a-j | wc -l >"$dir/out.$i" &
done
sleep 1
seen=$(ps -e 2>/dev/null | awk '{print $NF}' | grep -c -x -e sh -e sort -e head -e tr -e wc)
# The writer stays open until every pipeline has finished, so a subshell
# that opens the FIFO late still finds its line.
exec 3>"$dir/gate"
i=0
while [ $i -lt "$n" ]; do
    i=$((i + 1))
    echo go >&3
done
wait
exec 3>&-
ok=0
for f in "$dir"/out.*; do
    [ "$(cat "$f")" = 100 ] && ok=$((ok + 1))
done
rm -rf "$dir"
echo "pipelines: ps saw $seen of their processes before the start"
echo "pipelines: $n pipelines, $((n * 5)) processes at once, $ok correct"
[ "$ok" = "$n" ]
