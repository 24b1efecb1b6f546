f() {
    cat <<EOF2
in function: $1
EOF2
}
f arg
x=3
cat <<EOF2 | tr a-z A-Z
piped $x
EOF2
cat <<"EOF2"
quoted delimiter: $x `echo no`
EOF2
n=$(cat <<EOF2
from
substitution
EOF2
)
echo "$n" | wc -l
cat <<EOF2
escaped \$x and \\ and \`date\`
EOF2
