echo hello | tr a-z A-Z
echo 'Hello World' | tr A-Z a-z
echo hello | tr a-y b-z
