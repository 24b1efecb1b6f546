fib() {
    if [ "$1" -lt 2 ]; then echo "$1"; return; fi
    echo $(( $(fib $(($1 - 1))) + $(fib $(($1 - 2))) ))
}
fib 12
check() { [ "$1" = yes ]; }
check yes && echo "yes is true"
check no || echo "no is false"
outer() { inner() { echo "inner defined"; }; inner; }
outer; inner
count() { echo "$#"; }
count; count ''; count a b "c d"
setvar() { result="set by function"; }
setvar; echo "$result"
pos() { echo "$1-$2"; set -- x y; echo "$1-$2"; }
set -- a b; pos p q; echo "$1-$2"
early() { echo one; return 4; echo never; }
early; echo "status $?"
