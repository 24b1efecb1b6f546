sleep 0.2 & pid=$!
wait $pid; echo "waited $?"
(exit 5) & wait $!; echo "bg status $?"
for i in 1 2 3; do (echo "job $i" > job$i) & done
wait
cat job1 job2 job3
