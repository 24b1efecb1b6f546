true | true | false; echo "last false: $?"
false | false | true; echo "last true: $?"
! false | false; echo "negated: $?"
sh -c 'exit 3' | sh -c 'exit 4'; echo "last exit: $?"
echo data | (read x; exit 9); echo "subshell: $?"
nosuch 2>/dev/null | true; echo "missing first: $?"
true | nosuch 2>/dev/null; echo "missing last: $?"
seq 100000 | head -n 1; echo "head closes early: $?"
yes | head -n 2
echo a | cat | cat | cat | cat | tr a b
