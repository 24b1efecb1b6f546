name=keel
cat <<END
hello $name
sum $((1 + 2))
END
cat <<'END'
literal $name $(echo no)
END
cat <<-END
	tabs stripped
	END
while read -r line; do echo "[$line]"; done <<END
one
two
END
cat <<A; cat <<B
first
A
second
B
