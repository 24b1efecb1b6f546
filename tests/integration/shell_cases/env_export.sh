export GREETING=hi
sh -c 'echo "$GREETING"'
env | grep -c '^GREETING=hi$'
env GREETING=override sh -c 'echo "$GREETING"'
echo "$GREETING"
env -i sh -c 'echo "[$GREETING]"'
env -i A=1 B=2 env | sort
LOCAL=notexported
sh -c 'echo "[$LOCAL]"'
export LOCAL; sh -c 'echo "[$LOCAL]"'
unset GREETING; sh -c 'echo "[$GREETING]"'
X=1 Y=2 sh -c 'echo $((X + Y))'
export -p | grep -c 'LOCAL'
