export A=exported
sh -c 'echo "child sees $A"'
B=local
sh -c 'echo "child sees [$B]"'
C=once sh -c 'echo "prefix $C"'
echo "after [$C]"
env | grep '^A='
unset A; sh -c 'echo "unset [$A]"'
echo "$HOME $PATH"
