{ echo out; echo err >&2; } > o 2>&1; cat o
{ echo out; echo err >&2; } 2>&1 > o2 | tr a-z A-Z; cat o2
echo one > f; echo two >> f; echo three >> f; wc -l < f
cat < f > g; cmp f g && echo same
exec 4< f; read -r l <&4; read -r m <&4; exec 4<&-; echo "$l,$m"
echo new 1<> rw; cat rw
set -C; (echo clobber > f) 2>/dev/null || echo "noclobber refused"; echo forced >| f; set +C; cat f
ls missing > out 2> err; echo "status $?"; wc -c < out; grep -c missing err
echo x 2>&1 >/dev/null | wc -c
cat <<EOF2 >> f
appended
EOF2
tail -n 1 f
>empty; wc -c < empty
