expr 2 + 3
expr 7 \* 6
expr 17 / 5
expr 17 % 5
expr 5 \> 3
expr 2 = 3
echo "status $?"
expr abc : 'a\(.\)'
expr 10 - 20
