touch f; mkdir d; chmod 644 f; echo data > s; ln -s f l
for t in "-e f" "-f f" "-d d" "-d f" "-s s" "-s f" "-L l" "-h l" "-r f" "-w f" "-x f" "-e missing"; do
    if [ $t ]; then echo "[ $t ] true"; else echo "[ $t ] false"; fi
done
[ 5 -gt 3 ] && echo "5 -gt 3"
[ 5 -le 5 ] && echo "5 -le 5"
[ 2 -ne 3 ] && echo "2 -ne 3"
[ -n "$unset_var" ] || echo "empty -n false"
[ "a" \< "b" ] && echo "a < b"
[ ! -e missing ] && echo "negation"
[ -f f -a -d d ] && echo "and"
[ -f missing -o -d d ] && echo "or"
test 1 -eq 1; echo "test $?"
[ 1 -eq 2 ]; echo "[ $? ]"
[ abc ]; echo "non-empty string $?"
[ "" ]; echo "empty string $?"
[ 1 -eq x ] 2>/dev/null; echo "bad integer $?"
