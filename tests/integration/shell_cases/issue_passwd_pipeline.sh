cat /etc/passwd | grep root | wc -l
cat /etc/passwd | grep -v root | cut -d: -f1
grep -c : /etc/passwd
