printf 'a\na\nb\nc\nc\nc\na\n' > in
uniq in | tr '\n' ' '; echo
uniq -c in | awk '{print $1 $2}' | tr '\n' ' '; echo
uniq -d in | tr '\n' ' '; echo
uniq -u in | tr '\n' ' '; echo
sort in | uniq -c | sort -rn | head -n 1 | awk '{print $2, $1}'
printf 'the cat the dog the end\n' | tr ' ' '\n' | sort | uniq -c | sort -rn | head -n 1 | awk '{print $2 "=" $1}'
