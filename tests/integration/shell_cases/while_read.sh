printf 'alice 30\nbob 25\n' | while read -r name age; do
    echo "$name is $age"
done
printf 'root:x:0\nkeel:x:1000\n' > users
while IFS=: read -r user _ uid; do
    echo "$uid $user"
done < users
n=0
while [ $n -lt 3 ]; do n=$((n + 1)); echo "n=$n"; done
i=5
until [ $i -eq 0 ]; do printf '%s ' $i; i=$((i - 1)); done; echo
printf 'a\nb\nc' | while read -r l; do echo "got $l"; done
