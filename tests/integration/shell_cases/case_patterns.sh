for w in apple banana cherry 42 x.c README ''; do
    case "$w" in
        apple|banana) echo "$w: fruit a/b" ;;
        c*) echo "$w: starts with c" ;;
        [0-9]*) echo "$w: number" ;;
        *.c) echo "$w: C file" ;;
        '') echo "empty" ;;
        *) echo "$w: other" ;;
    esac
done
case abc in a?c) echo "? matches" ;; esac
case 'a*' in 'a*') echo "quoted star" ;; esac
