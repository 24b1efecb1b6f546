printf '%5s|%-5s|%d\n' ab cd 42
printf '%x %o %X\n' 255 8 255
printf '%s\n' one two three
printf '%03d:%.3s\n' 7 abcdef
printf 'a\tb\\n\n'
echo -n no newline; echo
echo 'single $HOME' "double $((1+1))"
printf '%s=%s\n' k1 v1 k2 v2
