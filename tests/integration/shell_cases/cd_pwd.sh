start=$PWD
cd /etc; pwd
cd /usr/bin; cd ..; pwd
cd -
cd "$start"
mkdir -p a/b; cd a/b; pwd | sed "s|$start|.|"
cd ../..; [ "$PWD" = "$start" ] && echo "back"
cd /nonexistent 2>/dev/null || echo "cd failed $?"
(cd /; pwd); pwd | sed "s|$start|.|"
ln -s a/b lnk; cd lnk; pwd | sed "s|$start|.|"; pwd -P | sed "s|$start|.|"
cd "$start"; echo "$OLDPWD" | sed "s|$start|.|"
