echo 'a,b,c,d,e' | cut -d, -f1,3
echo 'a,b,c,d,e' | cut -d, -f2-4
echo 'a,b,c,d,e' | cut -d, -f-2
echo 'no delimiter here' | cut -d, -f2
echo 'no delimiter here' | cut -s -d, -f2; echo "(suppressed)"
echo 'abcdefgh' | cut -c1,3,5
echo 'abcdefgh' | cut -c6-
printf 'x y\tz\n' | cut -f2
cut -d: -f1,7 /etc/passwd
