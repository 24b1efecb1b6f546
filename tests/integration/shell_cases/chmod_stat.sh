umask 022
touch f; mkdir d
stat -c '%a %n' f d
chmod 600 f; stat -c '%a' f
chmod u+x,g+r f; stat -c '%a' f
chmod -R go-rx d; stat -c '%a' d
chmod 4755 f; ls -l f | cut -c1-10
echo 12345 > s; stat -c '%s' s
umask 077; touch g; stat -c '%a' g
umask
