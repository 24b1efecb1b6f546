sh -c 'set -u; echo "${undefined:-default}"'
sh -c 'set -u; echo "${undefined-unset}"'
sh -c 'set -u; echo "$undefined"; echo never' 2>&1 | sed 's/^.*undefined/undefined/'
sh -c 'set -u; echo "$undefined"' 2>/dev/null; echo "status $?"
sh -c 'set -u; set -- a; echo "$1"'
sh -c 'set -u; x=; echo "[$x]"'
