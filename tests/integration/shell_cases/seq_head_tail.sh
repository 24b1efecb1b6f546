seq 10 | head -n 3
seq 10 | tail -n 2
seq 2 2 10 | tr '\n' ' '; echo
seq 3 -1 1 | tr '\n' ' '; echo
seq 100 | head -n 50 | tail -n 1
seq 10000 | tail -n 1
seq 100000 | wc -l
