echo 'a:b:c:d' | cut -d: -f2,3
echo 'a:b:c:d' | cut -d: -f3-
echo 'abcdef' | cut -c2-4
echo hello | tr a-z A-Z
echo 'a   b    c' | tr -s ' '
echo 'k-e-e-l' | tr -d '-'
echo 'abc' | tr 'abc' 'xyz'
printf 'one\ntwo\n' | tr '\n' ','; echo
