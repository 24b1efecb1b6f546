/*
 * kernel/sys_exec.c — execve: copy in the path and vectors, open the
 * program through the VFS server, follow one "#!" interpreter line, load
 * it (kernel/exec.c), then apply exec's side effects: close-on-exec
 * descriptors, caught signals reset to default, a vfork parent released.
 */
#include <abi/errno.h>
#include <abi/linux_types.h>
#include <keel/compiler.h>
#include <keel/file.h>
#include <keel/mm.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/string.h>
#include <keel/syscall.h>
#include <keel/tty.h>
#include <keel/uaccess.h>
#include <keel/vfs.h>

#define ARGS_MAX_BYTES (256 * 1024)
#define ARGS_MAX_COUNT 8192
#define INTERP_MAX 2 /* nested #! levels */

/* A kernel copy of a string vector: pointers into one buffer. */
struct kvec {
    char **v;
    size_t count;
    char *buf;
    size_t used, cap;
};

static void kvec_free(struct kvec *k)
{
    kfree(k->v);
    if (k->buf)
        page_free(k->buf, 6);
    memset(k, 0, sizeof *k);
}

static int kvec_init(struct kvec *k)
{
    memset(k, 0, sizeof *k);
    k->cap = ARGS_MAX_BYTES; /* order 6 = 256 KiB */
    k->buf = page_alloc(6);
    k->v = kmalloc((ARGS_MAX_COUNT + 1) * sizeof(char *));
    if (!k->buf || !k->v) {
        kvec_free(k);
        return -ENOMEM;
    }
    k->v[0] = NULL;
    return 0;
}

static int kvec_push(struct kvec *k, const char *s, size_t len)
{
    if (k->count >= ARGS_MAX_COUNT || len + 1 > k->cap - k->used)
        return -E2BIG;
    char *d = k->buf + k->used;
    memcpy(d, s, len);
    d[len] = '\0';
    k->used += len + 1;
    k->v[k->count++] = d;
    k->v[k->count] = NULL;
    return 0;
}

/* kvec_from_user: append the user vector at uvec (NULL: empty). */
static int kvec_from_user(struct kvec *k, uint64_t uvec)
{
    if (!uvec)
        return 0;
    for (size_t i = 0;; i++) {
        uint64_t up;
        if (copy_from_user(&up, uvec + i * 8, 8))
            return -EFAULT;
        if (!up)
            return 0;
        if (k->count >= ARGS_MAX_COUNT)
            return -E2BIG;
        long n = strncpy_from_user(k->buf + k->used, up, k->cap - k->used);
        if (n == -ENAMETOOLONG)
            return -E2BIG;
        if (n < 0)
            return (int)n;
        k->v[k->count++] = k->buf + k->used;
        k->v[k->count] = NULL;
        k->used += (size_t)n + 1;
    }
}

/*
 * parse_shebang: if head[0..len) starts with "#!", fill interp (and an
 * optional single argument) as Linux does: the rest of the first line,
 * whitespace-trimmed, split at the first blank.  Returns 1 if it is a
 * script, 0 if not, -ENOEXEC for a malformed line.
 */
static int parse_shebang(const char *head, size_t len, char *interp, size_t isz, char *arg,
                         size_t asz)
{
    if (len < 2 || head[0] != '#' || head[1] != '!')
        return 0;
    size_t i = 2, end = 2;
    while (end < len && head[end] != '\n')
        end++;
    while (i < end && (head[i] == ' ' || head[i] == '\t'))
        i++;
    size_t s = i;
    while (i < end && head[i] != ' ' && head[i] != '\t')
        i++;
    if (i == s || i - s >= isz)
        return -ENOEXEC;
    memcpy(interp, head + s, i - s);
    interp[i - s] = '\0';
    while (i < end && (head[i] == ' ' || head[i] == '\t'))
        i++;
    size_t e = end;
    while (e > i && (head[e - 1] == ' ' || head[e - 1] == '\t' || head[e - 1] == '\r'))
        e--;
    if (e - i >= asz)
        return -ENOEXEC;
    memcpy(arg, head + i, e - i);
    arg[e - i] = '\0';
    return 1;
}

/* exec_after: what a successful exec changes besides the image. */
static void exec_after(struct process *p)
{
    p->did_exec = true;
    fd_close_on_exec(p->fds);
    for (int i = 0; i < 64; i++) {
        if (p->sig_handlers[i] > 1) /* caught: back to default; ignored stays */
            p->sig_handlers[i] = 0;
        p->sig_flags[i] = 0;
    }
    if (p->vfork_pending) {
        p->vfork_pending = false;
        if (p->parent)
            wake_all(&p->parent->vfork_done);
    }
}

/*
 * do_execve: run `path` in the current process with argv/envp (kernel
 * vectors; argv may be rewritten for #! scripts).  On success *tf enters
 * the new program.
 */
int do_execve(const char *path, struct kvec *argv, struct kvec *envp, struct trap_frame *tf);
int do_execve(const char *path, struct kvec *argv, struct kvec *envp, struct trap_frame *tf)
{
    struct process *p = current_process();
    char *cur = kmalloc(LINUX_PATH_MAX);
    char *interp = kmalloc(LINUX_PATH_MAX), *iarg = kmalloc(LINUX_PATH_MAX);
    char head[256];
    int r = (cur && interp && iarg) ? 0 : -ENOMEM;
    if (!r)
        strscpy(cur, path, LINUX_PATH_MAX);
    for (int level = 0; !r; level++) {
        struct exec_source src;
        r = vfs_exec_open(p, cur, &src);
        if (r)
            break;
        int64_t got = src.read(&src, 0, head, MIN(sizeof head, (size_t)src.size));
        int sb = got < 0 ? (int)got
                         : parse_shebang(head, (size_t)got, interp, LINUX_PATH_MAX, iarg,
                                         LINUX_PATH_MAX);
        if (sb == 0) {
            r = exec_image(p, &src, argv->v, envp->v, path, tf);
            vfs_exec_close(&src);
            break;
        }
        vfs_exec_close(&src);
        if (sb < 0 || level >= INTERP_MAX) {
            r = sb < 0 ? sb : -ELOOP;
            break;
        }
        /* argv becomes: interp [arg] script argv[1..] */
        struct kvec nv;
        r = kvec_init(&nv);
        if (!r)
            r = kvec_push(&nv, interp, strlen(interp));
        if (!r && iarg[0])
            r = kvec_push(&nv, iarg, strlen(iarg));
        if (!r)
            r = kvec_push(&nv, cur, strlen(cur));
        for (size_t i = 1; !r && i < argv->count; i++)
            r = kvec_push(&nv, argv->v[i], strlen(argv->v[i]));
        if (r) {
            kvec_free(&nv);
            break;
        }
        kvec_free(argv);
        *argv = nv;
        strscpy(cur, interp, LINUX_PATH_MAX);
    }
    kfree(cur);
    kfree(interp);
    kfree(iarg);
    if (!r)
        exec_after(p);
    return r;
}

SYSCALL(execve)
{
    char *path = kmalloc(LINUX_PATH_MAX);
    if (!path)
        return -ENOMEM;
    long n = strncpy_from_user(path, a0, LINUX_PATH_MAX);
    if (n < 0) {
        kfree(path);
        return n;
    }
    if (n == 0) {
        kfree(path);
        return -ENOENT;
    }
    struct kvec argv, envp;
    int r = kvec_init(&argv);
    if (!r) {
        r = kvec_init(&envp);
        if (r)
            kvec_free(&argv);
    }
    if (r) {
        kfree(path);
        return r;
    }
    r = kvec_from_user(&argv, a1);
    if (!r)
        r = kvec_from_user(&envp, a2);
    if (!r)
        r = do_execve(path, &argv, &envp, syscall_frame());
    kvec_free(&argv);
    kvec_free(&envp);
    kfree(path);
    return r;
}

/* ---- the first user process ---------------------------------------------------- */

static const char *const init_paths[] = {"/sbin/init", "/bin/sh"};

/* start_init_in_process: runs in init's kernel thread: give it the console
 * and "/", exec the first program that works.  Returns 0 when the trap
 * frame is ready to enter user mode. */
int start_init_in_process(struct trap_frame *tf);
int start_init_in_process(struct trap_frame *tf)
{
    struct process *p = current_process();
    p->cwd_ref = vfs_root_cwd();
    if (!p->cwd_ref)
        pr_err("init: cannot resolve / through the VFS server");
    for (int fd = 0; fd < 3; fd++) {
        struct file *f = tty_open(O_RDWR);
        if (!f || fd_install(p->fds, f, fd, false) != fd)
            return -ENOMEM;
    }
    for (size_t i = 0; i < ARRAY_SIZE(init_paths); i++) {
        struct kvec argv, envp;
        if (kvec_init(&argv))
            return -ENOMEM;
        if (kvec_init(&envp)) {
            kvec_free(&argv);
            return -ENOMEM;
        }
        kvec_push(&argv, init_paths[i], strlen(init_paths[i]));
        kvec_push(&envp, "HOME=/", 6);
        kvec_push(&envp, "TERM=linux", 10);
        int r = do_execve(init_paths[i], &argv, &envp, tf);
        kvec_free(&argv);
        kvec_free(&envp);
        if (!r) {
            pr_info("init: started %s as pid %d", init_paths[i], p->pid);
            return 0;
        }
        pr_err("init: cannot run %s: error %d", init_paths[i], r);
    }
    return -ENOENT;
}
