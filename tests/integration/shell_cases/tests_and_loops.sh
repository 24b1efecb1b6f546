mkdir dir; touch file; ln -s file link
for p in dir file link missing; do
    if [ -L "$p" ]; then t=link
    elif [ -d "$p" ]; then t=dir
    elif [ -f "$p" ]; then t=file
    else t=none; fi
    echo "$p $t"
done
[ -z "" ] && echo "z empty"
[ -n "x" ] && echo "n nonempty"
[ abc = abc ] && echo "strings equal"
[ abc != abd ] && echo "strings differ"
[ 3 -lt 10 ] && echo "numeric lt"
[ 3 \< 10 ] || echo "string not lt"
test -s file || echo "file is empty"
for i in 1 2 3; do for j in a b; do printf '%s%s ' $i $j; done; done; echo
for i in 1 2 3 4 5; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo "i=$i"; done
