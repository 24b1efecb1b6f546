trap 'echo "exit trap, status $?"' EXIT
( trap 'echo "subshell trap"' EXIT; exit 3 ); echo "subshell returned $?"
trap 'echo got HUP' HUP
kill -HUP $$
trap '' INT
kill -INT $$
echo "INT ignored"
trap - INT
f() { trap 'echo USR2 in function' USR2; kill -USR2 $$; }
f
trap
exit 2
