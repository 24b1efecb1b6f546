a=$(echo one)
b=`echo two`
echo "$a $b"
echo "$(echo "$(echo "$(echo deep)")")"
lines=$(printf 'l1\nl2\n\n\n')
echo "[$lines]"
echo "count $(seq 5 | wc -l)"
x=$(exit 4); echo "status $?"
echo "$(printf '%s' 'no newline')!"
files=$(ls /etc | head -n 2); echo $files
echo $(echo a   b    c)
echo "$(echo a   b    c)"
v=$(cd /etc && pwd); echo "$v $(pwd | grep -c /tmp/cases)"
