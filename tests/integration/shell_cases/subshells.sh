x=1
(x=2; echo "inner $x")
echo "outer $x"
(cd /etc && pwd)
pwd | grep -c /tmp/cases/work/subshells
echo "$(echo "nested $(echo deep)")"
y=`echo back tick`; echo "$y"
{ echo group1; echo group2; } | wc -l
(exit 4); echo "subshell status $?"
v=$(printf 'a\n\n\n'); echo "[$v]"
