echo first > /tmp/redir.$$
echo second >> /tmp/redir.$$
cat /tmp/redir.$$
wc -l < /tmp/redir.$$
ls /nonexistent 2>/dev/null || echo "ls failed quietly"
sh -c 'echo to stderr >&2' 2>&1 | tr a-z A-Z
exec 3> out3
echo via fd3 >&3
exec 3>&-
cat out3
{ echo a; echo b >&2; } > both 2>&1
cat both
cat < /tmp/redir.$$ > copy; cat copy | head -n 1
: > empty; wc -c < empty
rm /tmp/redir.$$
[ -e /tmp/redir.$$ ] || echo removed
