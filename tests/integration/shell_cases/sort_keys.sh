printf 'bob:25:rome\nalice:30:paris\ncarol:25:oslo\ndave:4:kyiv\n' > p
sort -t: -k2,2n p
echo --
sort -t: -k2,2nr -k1,1 p
echo --
sort -t: -k3 p | cut -d: -f3
echo --
printf '10\n-5\n3\n-20\n0\n' | sort -n | tr '\n' ' '; echo
printf 'b\nB\na\nA\n' | sort | tr '\n' ' '; echo
printf 'x\ny\nx\nz\ny\n' | sort -u | tr '\n' ' '; echo
printf '1.5\n1.10\n1.2\n' | sort -n | tr '\n' ' '; echo
printf 'a 2\nb 10\nc 1\n' | sort -k2 -n | cut -c1 | tr -d '\n'; echo
