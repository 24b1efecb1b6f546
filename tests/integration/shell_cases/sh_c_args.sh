sh -c 'echo "$0 $1 $2"' zero one two
sh -c 'echo $#' x a b c
echo 'echo from stdin' | sh
printf 'x=4\necho $((x * x))\n' > script.sh; sh script.sh
sh -n script.sh && echo "syntax ok"
sh -c 'for a; do echo "arg $a"; done' - p q
