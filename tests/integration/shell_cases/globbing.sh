touch b.c a.c c.h .hidden
echo *.c
echo *
echo ?.h
echo *.none
echo .h*
set -f; echo *.c; set +f
