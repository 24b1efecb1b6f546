seq 1 1000 | sort -rn | head -3
seq 1 1000 | sort | head -3
seq 1 1000 | sort -n | tail -n 2
