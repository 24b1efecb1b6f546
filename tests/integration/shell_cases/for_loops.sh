for i in 1 2 3; do printf '%s ' $i; done; echo
for w in "a b" c; do echo "[$w]"; done
set -- x y z; for a; do printf '%s' $a; done; echo
for i in $(seq 3); do for j in $(seq $i); do printf '*'; done; echo; done
for i in 1 2 3; do for j in a b c; do [ $j = b ] && continue 2; echo "$i$j"; done; done
for i in 1 2 3; do for j in a b; do [ $i = 2 ] && break 2; echo "$i$j"; done; done
touch f1 f2 f3; for f in f*; do echo "file $f"; done
for x in; do echo never; done; echo "empty list ok"
n=0; for i in $(seq 100); do n=$((n + i)); done; echo $n
