IFS=: read -r user pass uid rest <<EOF2
root:x:0:0:root:/root:/bin/sh
EOF2
echo "$user $uid [$rest]"
read -r a b <<EOF2
one two three four
EOF2
echo "a=$a b=$b"
read -r line <<EOF2
  keep\tbackslash\\  
EOF2
printf '[%s]\n' "$line"
IFS=, ; set -- $(echo "x,y,,z"); echo "$# args: $1|$2|$3|$4"
IFS=' 	
'
old="$IFS"; IFS=; v='a b'; set -- $v; echo "no split: $#"; IFS="$old"
printf 'p q\n' | { read -r x y; echo "$y $x"; }
echo 'no newline at end' > f; printf 'last' >> f
while read -r l; do echo "line: $l"; done < f
read -r l < f; echo "first: $l"
