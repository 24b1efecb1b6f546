echo hi | awk '{print toupper($0)}'
seq 5 | awk '{s += $1} END {print s}'
awk -F: '{print $1 "=" $3}' /etc/passwd
printf 'a 1\nb 2\nc 3\n' | awk '$2 >= 2 {printf "%s-%d\n", $1, $2 * 10}'
echo "x y z" | awk '{print NF, $NF; $2 = "Y"; print}'
awk 'BEGIN {n = split("p:q:r", a, ":"); print n, a[1] a[3]; print length("keel"), substr("abcdef", 2, 3), index("hello", "ll")}'
awk 'BEGIN {printf "%.2f %5s|%-4d|\n", 3.14159, "ab", 7}'
