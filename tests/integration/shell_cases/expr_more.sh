expr 6 \* 7
expr 100 / 7 % 3
expr \( 2 + 3 \) \* 4
expr abc = abc; expr abc = abd; echo "status $?"
expr 10 \< 9; echo "status $?"
expr hello : 'hel'
expr hello : '.*'
expr hello : 'h\(.*\)o'
expr 3 \| 0
expr 0 \& 5; echo "status $?"
x=$(expr 5 + 5); echo "x=$x"
i=0; while [ $i -lt 3 ]; do i=$(expr $i + 1); done; echo "i=$i"
expr -3 + 1
