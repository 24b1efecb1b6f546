cmd='echo evaluated'; eval "$cmd"
var=name; eval "$var=value"; echo "$name"
line='a:b::c'
IFS=:; set -- $line; IFS=' '
echo "$# fields: $1,$2,$3,$4"
s='  lead  and   trail  '
set -- $s; echo "$#"
read -r first rest <<EOF2
one two three
EOF2
echo "$first/$rest"
