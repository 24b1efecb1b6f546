printf 'b\na\nc\na\nb\na\n' > in
sort in | uniq
echo --
sort in | uniq -c | awk '{print $1, $2}'
echo --
sort -u in | tr '\n' ' '; echo
sort -r in | head -n 2
printf '10\n9\n100\n' | sort -n | tr '\n' ' '; echo
printf '10\n9\n100\n' | sort | tr '\n' ' '; echo
printf 'x 3\ny 1\nz 2\n' | sort -k2 -n | cut -d' ' -f1 | tr -d '\n'; echo
