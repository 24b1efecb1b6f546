# A three-stage pipeline over a file from the initrd.
cat /etc/passwd | grep root | wc -l
grep -c /bin/sh /etc/passwd
cut -d: -f1 /etc/passwd | sort | head -n 1
