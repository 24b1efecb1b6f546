#!/usr/bin/env bash
# scripts/mkinitrd.sh OUT.cpio — Keel's initrd (cpio newc), the same archive
# for Keel and for the Linux reference runs.  Run from the repository root
# after `make coreutils` and the init build; userspace/build.mk runs it.
#
# Contents:
#   the standard directories (bin dev etc home proc root sbin sys tmp usr ...)
#   everything under initrd/ (the skeleton: etc/passwd, etc/profile, ...)
#   /bin/toybox and a symlink /bin/CMD -> toybox for each of its commands,
#     except sh and bash (/bin/sh is dash; toybox's sh is /bin/toysh)
#   /bin/dash, /bin/sh -> dash, /usr/bin/awk, /sbin/init
#   /dev/console (c 5 1) and /dev/null (c 1 3), for kernels that mount
#     nothing on /dev before init opens the console
#   the files listed in $OUT/initrd.extra ("PATH SOURCE" a line, written by
#     userspace/build.mk's initrd_add: test programs), mode 0755, with their
#     parent directories
# Every entry is owned by 0:0 (except /home/keel, the normal user's home) and
# has mtime $SOURCE_DATE_EPOCH (default 0); entries are sorted, so the same
# inputs give the same bytes.  The manifest is left next to OUT (.manifest).
# Environment: OUT (build directory, default build), SOURCE_DATE_EPOCH.
set -euo pipefail

out="${1:?usage: mkinitrd.sh OUT.cpio}"
build="${OUT:-build}"
userland="$build/userland"
mkcpio="$build/host/mkcpio"
manifest="${out%.cpio}.manifest"
epoch="${SOURCE_DATE_EPOCH:-0}"
skeleton=initrd
export LC_ALL=C

for f in "$userland/toybox" "$userland/toybox.commands" "$userland/dash" \
    "$userland/awk" "$userland/init" "$mkcpio"; do
    if [ ! -e "$f" ]; then
        echo "mkinitrd: $f is missing (make coreutils first)" >&2
        exit 1
    fi
done

declare -A seen=()
entry()
{
    # entry KIND PATH MODE UID GID [ARG...] — one manifest line, once per PATH.
    local kind="$1" path="$2"
    case "$path" in *[[:space:]]*)
        echo "mkinitrd: '$path' has white space; the manifest cannot hold it" >&2
        exit 1 ;;
    esac
    [ -n "${seen[$path]:-}" ] && return 0
    seen[$path]=1
    echo "$@"
}

{
    echo "# Keel initrd manifest, written by scripts/mkinitrd.sh (mkcpio format)."
    for d in bin dev etc home proc sbin sys usr usr/bin usr/sbin var var/log run mnt; do
        entry dir "$d" 0755 0 0
    done
    entry dir root 0700 0 0
    entry dir tmp 1777 0 0
    entry dir home/keel 0755 1000 1000
    entry nod dev/console 0600 0 0 c 5 1
    entry nod dev/null 0666 0 0 c 1 3

    while IFS= read -r p; do
        p="${p#./}"
        src="$skeleton/$p"
        if [ -L "$src" ]; then
            entry slink "$p" 0777 0 0 "$(readlink "$src")"
        elif [ -d "$src" ]; then
            entry dir "$p" 0755 0 0
        elif [ -f "$src" ]; then
            if [ -x "$src" ]; then mode=0755; else mode=0644; fi
            entry file "$p" "$mode" 0 0 "$src"
        else
            echo "mkinitrd: $src: not a file, directory or symlink" >&2
            exit 1
        fi
    done < <(cd "$skeleton" && find . -mindepth 1 | sort)

    entry file sbin/init 0755 0 0 "$userland/init"
    entry file bin/dash 0755 0 0 "$userland/dash"
    entry slink bin/sh 0777 0 0 dash
    entry file usr/bin/awk 0755 0 0 "$userland/awk"
    entry file bin/toybox 0755 0 0 "$userland/toybox"
    while IFS= read -r cmd; do
        case "$cmd" in sh | bash | "") continue ;; esac
        entry slink "bin/$cmd" 0777 0 0 toybox
    done <"$userland/toybox.commands"

    if [ -f "$build/initrd.extra" ]; then
        while read -r p src; do
            [ -n "$p" ] || continue
            parent=""
            IFS=/ read -ra parts <<<"${p%/*}"
            for part in "${parts[@]}"; do
                parent="${parent:+$parent/}$part"
                entry dir "$parent" 0755 0 0
            done
            entry file "$p" 0755 0 0 "$src"
        done <"$build/initrd.extra"
    fi
} >"$manifest.tmp"
mv "$manifest.tmp" "$manifest"

"$mkcpio" -t "$epoch" -o "$out" "$manifest"
