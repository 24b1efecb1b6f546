set -- a 'b c' d
echo $#
for x in "$@"; do echo "[$x]"; done
for x in $*; do echo "<$x>"; done
shift
echo "$1|$2"
set --
echo "empty: $#"
f() { echo "$#:$1"; shift 2; echo "$#:$1"; }
f p q r
IFS=,; set -- x y z; echo "$*"
