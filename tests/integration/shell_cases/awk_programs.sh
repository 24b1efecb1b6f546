printf 'alice 30 paris\nbob 25 rome\ncarol 35 paris\n' > people
awk 'BEGIN {print "start"} {n++} END {print n, "rows"}' people
awk -v min=28 '$2 > min {print $1}' people
awk '{city[$3]++} END {for (c in city) print c, city[c]}' people | sort
awk '{sum += $2} END {printf "avg %.1f\n", sum / NR}' people
awk 'NR == 2 {print NR ": " $0}' people
awk '{print NF, $NF}' people | head -n 1
awk 'BEGIN {n = split("2024-01-15", d, "-"); print n, d[1], d[2] + 0, d[3]}'
awk 'BEGIN {s = "hello world"; gsub(/o/, "0", s); print s; print toupper(substr(s, 1, 5))}'
awk 'BEGIN {x = sprintf("%05.1f|%-6s|%x", 3.14159, "ab", 255); print x}'
awk -F, '{print $2}' <<EOF2
a,b,c
d,e,f
EOF2
awk 'length($1) > 3' people
awk '{ $2 = $2 * 2; print }' people | tail -n 1
echo "3 4" | awk '{print $1 ^ $2, $1 % 2, int(7 / 2)}'
awk 'BEGIN { while (i < 3) { i++; printf "%d ", i }; print "" }'
awk '/paris/ && !/carol/' people
