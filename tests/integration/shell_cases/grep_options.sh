printf 'Apple\nbanana\ncherry\napple pie\n' > fruit
grep -c apple fruit
grep -i apple fruit
grep -v a fruit
grep -n cherry fruit
grep -E 'ban|che' fruit
grep '^a' fruit
grep -o 'an' fruit | wc -l
grep -q nothing fruit; echo "not found $?"
grep -l apple fruit /etc/passwd
