(exit 3) & p1=$!
(exit 5) & p2=$!
(sleep 0.1; exit 7) & p3=$!
wait $p3; echo "p3 $?"
wait $p1; echo "p1 $?"
wait $p2; echo "p2 $?"
sh -c 'kill -TERM $$' ; echo "killed by TERM: $?"
sh -c 'kill -KILL $$' ; echo "killed by KILL: $?"
for i in 1 2 3 4 5; do (echo "bg $i" > out$i) & done
wait
cat out1 out2 out3 out4 out5
