printf 'l1\nl2\n' > a; printf 'l3\n' > b
cat a b
echo stdin | cat - a
echo from-tee | tee t1 | tr a-z A-Z; cat t1
echo more | tee -a t1 > /dev/null; cat t1
printf 'a b\nc\n' | xargs -n 1 echo item
printf 'x\ny\n' | xargs -n 1 printf '<%s>\n'
echo 1 2 3 4 5 | xargs -n 2
printf 'f1\0f 2\0' | xargs -0 -n 1 echo arg
