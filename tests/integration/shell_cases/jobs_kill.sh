# Job control in a script: kill %1 names a job's process group, so dash
# needs set -m (without it %1 names no process group).  dash's job
# notices go to stderr and their timing varies: they are dropped.
set -m
{
sleep 10 & pid=$!
kill %1 && echo "kill %1 sent"
wait
kill -0 $pid || echo "the job is gone"
sleep 10 & pid=$!
kill -KILL %% && echo "kill -KILL %% sent"
wait
kill -0 $pid || echo "that one too"
sleep 0.1 & sleep 0.2 &
wait; echo "waited for both: $?"
set +m
} 2>/dev/null
echo end
