/*
 * tests/fuzz/path_ops.h — the input format of fuzz_path, shared with its
 * seed generator.  An input is a sequence of operations, each
 *
 *     op  arg  path1 NUL  [path2 NUL]
 *
 * op % PATH_OP_COUNT picks the operation, arg its variant (bit 7: as the
 * unprivileged user rather than root; bits 4-6: which directory handle
 * relative paths start from; bits 0-3: flags of the operation).  Only
 * PATH_OP_SYMLINK, _RENAME and _LINK read path2.  A path (or the rest of
 * the input, if no NUL comes) is copied with two escapes, so that short
 * inputs reach the limits: PATH_ESC_REPEAT k c stands for (k + 1) * 4
 * copies of c, PATH_ESC_UP k for k + 1 times "../".
 */
#ifndef KEEL_FUZZ_PATH_OPS_H
#define KEEL_FUZZ_PATH_OPS_H

enum path_op {
    PATH_OP_MKDIR,    /* mode 0700 | (flags << 3) */
    PATH_OP_SYMLINK,  /* path2 -> path1 */
    PATH_OP_OPEN,     /* flags: 1 O_CREAT, 2 O_EXCL, 4 O_DIRECTORY, 8 O_NOFOLLOW|O_PATH */
    PATH_OP_STAT,     /* flags & 1: AT_SYMLINK_NOFOLLOW */
    PATH_OP_RENAME,   /* path1 -> path2; flags % 3: 0, NOREPLACE, EXCHANGE */
    PATH_OP_UNLINK,   /* flags & 1: AT_REMOVEDIR */
    PATH_OP_CHDIR,    /* a new directory handle */
    PATH_OP_LINK,     /* path1 -> path2; flags & 1: AT_SYMLINK_FOLLOW */
    PATH_OP_READLINK, /* buffer of (flags + 1) * 16 bytes */
    PATH_OP_CLOSE,    /* handle number flags (of those this input opened) */
    PATH_OP_GETPATH,  /* of handle flags */
    PATH_OP_ACCESS,   /* mode flags & 7 */
    PATH_OP_MKFIFO,
    PATH_OP_TRUNCATE, /* to flags * 1000 bytes */
    PATH_OP_GETDENTS, /* all of handle flags */
    PATH_OP_MOUNT,    /* flags & 1: umount (flags & 2: MNT_DETACH), else mount a tmpfs */
    PATH_OP_CHMOD,    /* mode (flags & 7) * 0111 */
    PATH_OP_COUNT
};

#define PATH_ARG_USER 0x80
#define PATH_ARG_DIR(n) ((n) << 4) /* 0: handle 0, 1: "/", 2..7: the n-2th handle opened */

#define PATH_ESC_REPEAT '\001'
#define PATH_ESC_UP '\002'

#endif
