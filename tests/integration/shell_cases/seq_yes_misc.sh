seq 3
seq 2 4 | tr '\n' ' '; echo
seq 10 -3 1 | tr '\n' ' '; echo
seq -s, 5
seq -w 8 10 | tr '\n' ' '; echo
yes | head -n 2
yes abc | head -n 3 | tr '\n' ' '; echo
printf 'AB' | od -An -tx1
printf 'hello' | md5sum
printf 'hello' | sha256sum
echo abc | rev
printf '3\n1\n2\n' | tac | tr '\n' ' '; echo
