printf 'b\na\nc\n' | sort | cut -c1
printf 'banana\napple\ncherry\n' | sort | cut -c1-3
printf 'b\na\nc\n' | sort -r | tr -d '\n'; echo
