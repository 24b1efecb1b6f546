printf 'a b c\nd e f\n' > data
while read -r first rest; do echo "first=$first rest=$rest"; done < data
printf 'path\\with\\backslash\n' | while read -r line; do printf '%s\n' "$line"; done
printf 'path\\with\\backslash\n' | while read line; do printf '%s\n' "$line"; done
printf '  leading and trailing  \n' | while IFS= read -r line; do echo "[$line]"; done
printf 'x:y:z\n' | { IFS=: read -r a b c; echo "$c$b$a"; }
total=0
while read -r n; do total=$((total + n)); done <<EOF2
10
20
30
EOF2
echo "total $total"
printf 'one\ntwo\nthree\n' | while read -r w; do [ "$w" = two ] && break; echo "$w"; done
i=0; while :; do i=$((i + 1)); [ $i -ge 5 ] && break; done; echo "i=$i"
