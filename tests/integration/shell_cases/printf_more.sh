printf '%c%c%c\n' abc def ghi
printf '%5.2f|%-8.3f|%e\n' 3.14159 2.5 12345.678
printf '%i %d %u\n' 42 -42 42
printf '%%literal%%\n'
printf '%s-%s\n' a b c
printf '%b\n' 'tab\there' 'new\nline'
printf '[%10s][%-10s]\n' right left
printf '%#x %#o\n' 255 8
printf '%.0f %.3s\n' 2.5 truncated
printf '\101\102\n'
printf 'no args\n' extra 2>/dev/null
printf '%d\n' 0x10 010
