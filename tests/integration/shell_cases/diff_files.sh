printf 'a\nb\nc\n' > one
printf 'a\nB\nc\n' > two
cp one three
diff one three; echo "same: $?"
diff one two > /dev/null; echo "differ: $?"
diff -u one two | tail -n +3
