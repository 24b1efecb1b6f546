nosuchcommand 2>/dev/null; echo "not found $?"
echo 'echo hi' > noexec; chmod 644 noexec
./noexec 2>/dev/null; echo "not executable $?"
sh -c 'exit 255'; echo "255: $?"
sh -c 'exit 256'; echo "256 wraps: $?"
sh -c 'kill -9 $$'; echo "SIGKILL: $?"
sh -c 'kill -INT $$'; echo "SIGINT: $?"
false; echo "false $?"; echo "echo $?"
f() { return 42; }; f; echo "return $?"
if ! sh -c 'exit 1'; then echo "negated"; fi
sh -c 'exit 2' && echo no || echo "or branch"
