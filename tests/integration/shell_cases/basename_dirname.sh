basename /usr/local/bin/tool
basename /usr/local/bin/
basename file.tar.gz .gz
basename /
basename name
dirname /usr/local/bin/tool
dirname /usr/local/bin/
dirname file
dirname /
dirname a/b
p=/a/b/c.txt; echo "$(dirname $p)|$(basename $p .txt)"
