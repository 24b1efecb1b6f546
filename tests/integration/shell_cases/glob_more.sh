touch a1 a2 b1 b22 c.txt d.TXT .dot
echo a?
echo [ab]1
echo [!a]*
echo [a-b]*
echo *.txt *.TXT
echo *[0-9]
echo b??
echo nomatch*
echo "a*"
echo .*
set -- *; echo "$# entries"
for f in *1; do echo "file $f"; done
case a1 in [a-z][0-9]) echo "case glob" ;; esac
