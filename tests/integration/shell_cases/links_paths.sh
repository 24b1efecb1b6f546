mkdir -p real/dir; echo target > real/dir/file
ln -s real/dir/file sym
ln -s real/dir dsym
ln real/dir/file hard
readlink sym
cat sym dsym/file hard
realpath -s dsym/file | sed "s|$PWD|.|"
readlink -f dsym/file | sed "s|$PWD|.|"
ls -l sym | awk '{print $1, $NF}'
stat -c '%h' hard
rm real/dir/file; cat hard; cat sym 2>/dev/null || echo "dangling"
[ -L sym ] && [ ! -e sym ] && echo "link without target"
