cat > text <<'EOF2'
the quick brown fox jumps over the lazy dog
the dog barks and the fox runs
a quick end
EOF2
tr -s ' ' '\n' < text | sort | uniq -c | sort -k1,1nr -k2 | head -n 3 | awk '{print $2, $1}'
wc -w < text
grep -o 'the' text | wc -l
awk '{ for (i = 1; i <= NF; i++) if (length($i) > 4) print $i }' text | sort -u | tr '\n' ' '; echo
sed 's/the/THE/g' text | grep -c THE
rev text | head -n 1
tac text | head -n 1
nl text | head -n 2
paste -d, text text | head -n 1 | cut -c1-20
