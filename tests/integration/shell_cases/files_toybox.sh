mkdir -p a/b/c
echo data > a/b/c/f
cp -r a copy
cat copy/b/c/f
mv copy moved
# stdout is the console, a tty: ls prints columns (80 wide when the tty
# reports no size, as Linux's ttyAMA0 does).
ls
ln -s a/b/c/f lnk
readlink lnk
cat lnk
basename /x/y/z.txt .txt
dirname /x/y/z.txt
rm -r a moved lnk
ls | wc -l
umask 022; touch perm; ls -l perm | cut -c1-10
chmod 750 perm; ls -l perm | cut -c1-10
echo x | tee t1 t2 > /dev/null; cat t1 t2
