printf 'a\nb\nc\nd\n' > old
printf 'a\nc\nd\ne\n' > new
# toybox diff writes unified output; its header has the files' times.
diff old new > d; echo "status $?"; tail -n +3 d
diff old old; echo "status $?"
diff -q old new >/dev/null; echo "quiet status $?"
diff old missing 2>/dev/null; echo "missing status $?"
