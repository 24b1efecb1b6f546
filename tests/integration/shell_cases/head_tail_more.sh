seq 20 > n
head -n 2 n | tr '\n' ' '; echo
tail -n 3 n | tr '\n' ' '; echo
tail -n +18 n | tr '\n' ' '; echo
head -c 5 n | tr '\n' '.'; echo
tail -c 3 n | tr '\n' '.'; echo
head -n 1 n n
seq 5 | tail -n 1
echo only | head -n 10
