for f in main.c util.h Makefile README.md script.sh x; do
    case $f in
        *.[ch]) kind=C ;;
        Makefile|*.mk) kind=make ;;
        *.md) kind=doc ;;
        *.sh) kind=shell ;;
        ?) kind=single ;;
        *) kind=other ;;
    esac
    echo "$f $kind"
done
v=Hello
case $v in [Hh]ello) echo "hello matched" ;; esac
case "" in "") echo "empty matched" ;; esac
case x in y) echo no ;; esac; echo "no match status $?"
case abc in a*) echo first ;; ab*) echo second ;; esac
s='*'; case anything in $s) echo "pattern from variable" ;; esac
case '*' in "$s") echo "quoted variable is literal" ;; esac
