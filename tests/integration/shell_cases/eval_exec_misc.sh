cmd='echo $((2 + 3))'; eval "$cmd"
for n in 1 2; do eval "v$n=value$n"; done; echo "$v1 $v2"
eval 'f() { echo "defined by eval"; }'; f
(exec echo "exec replaces the subshell"; echo never)
sh -c 'exec sh -c "exit 6"'; echo "exec status $?"
type echo | sed 's/ is .*//'
command -v sh
command -v nosuch || echo "command -v: not found"
: "colon is a no-op"; echo "colon $?"
ulimit -n 100; ulimit -n
kill -l 9
kill -0 $$ && echo "kill -0 self"
