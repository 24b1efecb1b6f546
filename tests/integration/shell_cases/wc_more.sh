printf 'one two three\nfour five\n' > a
printf 'x\n' > b
wc -l a
wc -w a
wc -c a
wc -l < a
wc a b
cat a b | wc -lwc
printf '' | wc -l
printf 'a\nb' | wc -l
