trap 'echo cleanup' EXIT
trap 'echo got USR1' USR1
kill -USR1 $$
echo after
( trap 'echo sub exit' EXIT; echo in sub )
trap - USR1
trap 'echo caught TERM' TERM
kill -TERM $$
echo end
