greet() { echo "hello $1"; }
greet world
fact() {
    if [ "$1" -le 1 ]; then echo 1; return; fi
    echo $(( $1 * $(fact $(( $1 - 1 ))) ))
}
fact 10
status() { return "$1"; }
status 3; echo "returned $?"
counter=0
bump() { counter=$((counter + 1)); }
bump; bump; bump
echo "counter $counter"
scoped() { local v=inner; echo "$v"; }
v=outer; scoped; echo "$v"
args() { echo "$# args: $*"; }
args a "b c" d
