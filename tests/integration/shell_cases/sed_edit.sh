echo hello world | sed 's/world/keel/'
echo aaa | sed 's/a/b/g'
seq 5 | sed -n '2p'
seq 5 | sed '1d;4d' | tr '\n' ' '; echo
seq 6 | sed -n '2,4p' | tr '\n' ' '; echo
printf 'x=1\ny=2\n' | sed -e 's/=/ is /' -e 's/^/> /'
echo 'path/to/file' | sed 's|/|\\|g'
echo abc | sed 's/\(a\)\(b\)/\2\1/'
printf 'keep\ndrop me\nkeep too\n' | sed '/drop/d'
seq 3 | sed '$a\
end'
