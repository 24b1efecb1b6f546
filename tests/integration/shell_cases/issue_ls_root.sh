# What a new user types first.  stdout is the console: ls prints columns.
ls /
ls -1 / | head -n 3
ls -d /etc /tmp
