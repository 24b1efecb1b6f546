printf '1\n2\n3\n' | xargs echo
printf '1 2 3 4\n' | xargs -n 2 echo x
mkdir -p d/sub d/other
touch d/a.txt d/sub/b.txt d/sub/c.log d/other/e.txt
find d -type f | sort
echo --
find d -name '*.txt' | sort | xargs -n 1 basename
echo --
find d -type d | sort
find d -name '*.log' -exec echo found {} \;
