v='a  b'
echo $v
echo "$v"
echo '$v "in single"'
echo "single 'in double' $v"
echo \$v \\ \"
echo "tab:	end"
echo "dollar at end $"
echo "nested $(echo "inner \"quoted\"")"
set -- "one two" three; echo "$#" "$1"
set -- $v; echo "$#"
echo "${v}suffix" "$v"'literal'
x=\'; echo "$x"
echo a\
b
