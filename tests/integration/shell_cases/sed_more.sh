printf 'one\ntwo\nthree\nfour\nfive\n' > f
sed -n '2,4p' f
sed '2,$d' f
sed -n '/two/,/four/p' f | tr '\n' ' '; echo
sed 's/o/0/2' f | head -n 1
echo 'aaa bbb' | sed 's/a*/X/'
echo 'hello' | sed 's/l/[&]/g'
echo 'hello world' | sed 's/\([a-z]*\) \([a-z]*\)/\2 \1/'
echo 'abc' | sed 'y/abc/xyz/'
sed -n '$p' f
sed '1i\
header' f | head -n 2
sed '/three/a\
after three' f | sed -n '3,4p'
sed -e 's/one/1/' -e 's/two/2/' f | head -n 2 | tr '\n' ' '; echo
echo 'a.b.c' | sed 's/\./-/g'
echo 'x=1' | sed -E 's/([a-z])=([0-9])/\2=\1/'
seq 12 | sed -n '/^1/p' | tr '\n' ' '; echo
