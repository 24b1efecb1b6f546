#!/usr/bin/env bash
# scripts/lint.sh [fmt|fmt-check|lint] — clang-format and static analysis
# over Keel's own C (never build/ or .deps/).
#   fmt        rewrite files in place with clang-format (.clang-format)
#   fmt-check  list files clang-format would change; exit 1 if any
#   lint       cppcheck over the kernel, servers and tools, then clang-tidy
#              with compile_commands.json; exit 1 on any finding
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-lint}"
mapfile -t files < <(git ls-files '*.c' '*.h' | grep -v '^tests/fuzz/corpus')
case "$mode" in
fmt)
    clang-format -i "${files[@]}"
    ;;
fmt-check)
    bad=0
    for f in "${files[@]}"; do
        if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
            echo "needs formatting: $f"
            bad=1
        fi
    done
    exit $bad
    ;;
lint)
    cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
        --inline-suppr --suppress=missingIncludeSystem --std=c11 \
        -D__aarch64__ -Ikernel/include -Iarch/aarch64/include -Iabi/include -Ivfs \
        kernel arch mm vfs ipc scripts/mkcpio.c 2>&1
    if [ -f compile_commands.json ]; then
        mapfile -t kfiles < <(git ls-files 'kernel/*.c' 'mm/*.c' 'arch/*.c' 'ipc/*.c')
        clang-tidy --quiet -p . --checks='-*,bugprone-*,-bugprone-easily-swappable-parameters,-bugprone-reserved-identifier,-bugprone-narrowing-conversions,-bugprone-implicit-widening-of-multiplication-result' \
            --warnings-as-errors='*' "${kfiles[@]}" 2>/dev/null
    else
        echo "lint: no compile_commands.json (make compile_commands.json); clang-tidy skipped"
    fi
    ;;
*)
    echo "usage: $0 fmt|fmt-check|lint" >&2
    exit 2
    ;;
esac
