unset u
echo "${u:-default}" "${u-unset}"
e=; echo "[${e:-empty}] [${e-set}]"
echo "${u:=assigned}" "$u"
x=file.tar.gz
echo "${x%.gz}" "${x%%.*}" "${x#*.}" "${x##*.}"
echo "${#x}"
echo "${x:+alt}" "${nothere:+alt}"
p=/usr/local/bin; echo "${p##*/}" "${p%/*}"
(: "${must:?is required}") 2>&1 | sed 's/^.*must/must/'
