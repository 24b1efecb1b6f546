# Restricted to /etc: / would also list /proc and /sys on Linux.
find /etc -name passwd | xargs cat | awk -F: '{print $1}'
find /etc -name 'host*' | sort
find /etc -type f -name 'p*' | sort | xargs -n 1 basename
