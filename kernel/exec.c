/*
 * kernel/exec.c — loading a static ELF program into a fresh address space
 * and building the initial stack the way Linux does (argc, argv, envp,
 * auxv, strings, AT_RANDOM bytes), so musl's startup code works unchanged.
 */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <keel/compiler.h>
#include <keel/elf.h>
#include <keel/file.h>
#include <keel/mm.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/random.h>
#include <keel/string.h>

#define PIE_BASE 0x0000aaaaaaaa0000UL
#define ARG_MAX_BYTES (128 * 1024) /* strings of argv + envp */
#define ARGV_MAX 4096

/* Auxiliary vector keys (Linux uapi/linux/auxvec.h). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_EXECFN 31

static size_t vec_count(char *const v[])
{
    size_t n = 0;
    while (v && v[n])
        n++;
    return n;
}

/* load_segments: map and fill every PT_LOAD segment of `info`. */
static int load_segments(struct address_space *as, struct exec_source *src,
                         const struct elf_info *info, uint64_t bias)
{
    enum { CHUNK_ORDER = 4, CHUNK = PAGE_SIZE << CHUNK_ORDER }; /* 64 KiB per read */
    void *buf = page_alloc(CHUNK_ORDER);
    if (!buf)
        return -ENOMEM;
    int r = 0;
    for (unsigned i = 0; i < info->nseg && !r; i++) {
        const struct elf_segment *s = &info->seg[i];
        uint64_t start = ALIGN_DOWN(s->vaddr + bias, PAGE_SIZE);
        uint64_t end = ALIGN_UP(s->vaddr + bias + s->memsz, PAGE_SIZE);
        int64_t m = as_map(as, start, end - start, s->prot, 0, true, true);
        if (m < 0) {
            r = (int)m;
            break;
        }
        for (uint64_t done = 0; done < s->filesz && !r;) {
            size_t chunk = (size_t)MIN(s->filesz - done, (uint64_t)CHUNK);
            int64_t got = src->read(src, s->offset + done, buf, chunk);
            if (got != (int64_t)chunk) {
                r = got < 0 ? (int)got : -ENOEXEC;
                break;
            }
            r = as_write_kernel(as, s->vaddr + bias + done, buf, chunk);
            done += chunk;
        }
    }
    page_free(buf, CHUNK_ORDER);
    return r;
}

/*
 * build_stack: lay out argc/argv/envp/auxv at the top of the stack area.
 * Returns the initial sp (16-byte aligned) or -errno.
 */
static int64_t build_stack(struct process *p, struct address_space *as, char *const argv[],
                           char *const envp[], const char *execfn, const struct elf_info *info,
                           uint64_t bias)
{
    size_t argc = vec_count(argv), envc = vec_count(envp);
    if (argc > ARGV_MAX || envc > ARGV_MAX)
        return -E2BIG;
    size_t strings = strlen(execfn) + 1 + 16 + sizeof "aarch64";
    for (size_t i = 0; i < argc; i++)
        strings += strlen(argv[i]) + 1;
    for (size_t i = 0; i < envc; i++)
        strings += strlen(envp[i]) + 1;
    if (strings > ARG_MAX_BYTES)
        return -E2BIG;
    size_t nauxv = 19;
    size_t words = 1 + (argc + 1) + (envc + 1) + 2 * nauxv;
    size_t total = ALIGN_UP(strings, 16) + ALIGN_UP(words * 8, 16);
    uint8_t *img = kzalloc(total);
    if (!img)
        return -ENOMEM;

    uint64_t top = USER_STACK_TOP;
    uint64_t base = top - total; /* user address of img[0] */
    size_t str_off = total - ALIGN_UP(strings, 16);
    size_t pos = str_off;
#define PUT_STRING(s)                                                                              \
    ({                                                                                             \
        size_t len_ = strlen(s) + 1;                                                               \
        memcpy(img + pos, (s), len_);                                                              \
        uint64_t at_ = base + pos;                                                                 \
        pos += len_;                                                                               \
        at_;                                                                                       \
    })
    uint64_t u_execfn = PUT_STRING(execfn);
    uint64_t u_platform = PUT_STRING("aarch64");
    uint64_t u_random = base + pos;
    random_bytes(img + pos, 16);
    pos += 16;
    uint64_t *w = (uint64_t *)img;
    size_t k = 0;
    w[k++] = argc;
    for (size_t i = 0; i < argc; i++)
        w[k++] = PUT_STRING(argv[i]);
    w[k++] = 0;
    for (size_t i = 0; i < envc; i++)
        w[k++] = PUT_STRING(envp[i]);
    w[k++] = 0;
#undef PUT_STRING
    uint64_t aux[][2] = {
        {AT_PHDR, info->phdr_vaddr ? info->phdr_vaddr + bias : 0},
        {AT_PHENT, info->phent},
        {AT_PHNUM, info->phnum},
        {AT_PAGESZ, PAGE_SIZE},
        {AT_BASE, 0},
        {AT_FLAGS, 0},
        {AT_ENTRY, info->entry + bias},
        {AT_UID, p->uid},
        {AT_EUID, p->euid},
        {AT_GID, p->gid},
        {AT_EGID, p->egid},
        {AT_PLATFORM, u_platform},
        {AT_HWCAP, arch_hwcap()},
        {AT_CLKTCK, 100},
        {AT_SECURE, 0},
        {AT_RANDOM, u_random},
        {AT_HWCAP2, 0},
        {AT_EXECFN, u_execfn},
        {AT_NULL, 0},
    };
    _Static_assert(ARRAY_SIZE(aux) == 19, "nauxv");
    for (size_t i = 0; i < ARRAY_SIZE(aux); i++) {
        w[k++] = aux[i][0];
        w[k++] = aux[i][1];
    }
    BUG_ON(k * 8 > str_off);
    int r = as_write_kernel(as, base, img, total);
    kfree(img);
    return r ? r : (int64_t)base;
}

static void set_cmdline(struct process *p, char *const argv[], const char *execfn)
{
    size_t n = 0;
    for (size_t i = 0; argv && argv[i]; i++) {
        size_t len = strlen(argv[i]) + 1;
        if (n + len > sizeof p->cmdline)
            break;
        memcpy(p->cmdline + n, argv[i], len);
        n += len;
    }
    p->cmdline_len = n;
    const char *base = strrchr(execfn, '/');
    strscpy(p->name, base ? base + 1 : execfn, sizeof p->name);
}

int exec_image(struct process *p, struct exec_source *src, char *const argv[], char *const envp[],
               const char *execfn, struct trap_frame *tf)
{
    uint8_t *head = page_alloc(0);
    if (!head)
        return -ENOMEM;
    size_t want = (size_t)MIN(src->size, (uint64_t)PAGE_SIZE);
    int64_t got = src->read(src, 0, head, want);
    if (got < 0) {
        page_free(head, 0);
        return (int)got;
    }
    struct elf_info info;
    const char *why = NULL;
    int r = elf_parse(head, (size_t)got, src->size, &info, &why);
    page_free(head, 0);
    if (r) {
        pr_debug("exec %s: %s", execfn, why);
        return r;
    }
    uint64_t bias = info.is_pie ? PIE_BASE - info.lo : 0;
    struct address_space *as = as_create();
    if (!as)
        return -ENOMEM;
    r = load_segments(as, src, &info, bias);
    if (!r) {
        /* The stack, with a guard page below it. */
        int64_t m = as_map(as, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_SIZE,
                           UPROT_READ | UPROT_WRITE, VMA_STACK, true, true);
        int64_t g = as_map(as, USER_STACK_TOP - USER_STACK_SIZE - PAGE_SIZE, PAGE_SIZE, 0,
                           VMA_GUARD, true, true);
        r = m < 0 ? (int)m : g < 0 ? (int)g : 0;
    }
    int64_t sp = r ? r : build_stack(p, as, argv, envp, execfn, &info, bias);
    if (sp < 0) {
        as_put(as);
        return (int)sp;
    }
    as->brk_start = as->brk = info.hi + bias;

    struct address_space *old = p->as;
    p->as = as;
    if (current_process() == p)
        process_activate(p);
    if (old)
        as_put(old);
    set_cmdline(p, argv, execfn);
    memset(tf, 0, sizeof *tf);
    tf->elr = info.entry + bias;
    tf->sp = (uint64_t)sp;
    tf->spsr = 0; /* EL0t, interrupts unmasked */
    return 0;
}

struct mem_source {
    struct exec_source src;
    const uint8_t *image;
};

static int64_t mem_read(struct exec_source *src, uint64_t off, void *buf, size_t len)
{
    struct mem_source *m = (struct mem_source *)src;
    if (off > src->size)
        return -EIO;
    size_t n = (size_t)MIN((uint64_t)len, src->size - off);
    memcpy(buf, m->image + off, n);
    return (int64_t)n;
}

int spawn_boot_program(const char *name, const void *image, size_t size, bool native,
                       const char *arg)
{
    struct process *p = process_create(name, NULL);
    if (!p)
        return -ENOMEM;
    p->native = native;
    p->fds = fd_table_new();
    if (!p->fds)
        return -ENOMEM;
    struct mem_source ms = {{size, mem_read, NULL}, image};
    char *argv[] = {(char *)name, (char *)arg, NULL};
    char *envp[] = {NULL};
    struct trap_frame tf;
    int r = exec_image(p, &ms.src, argv, envp, name, &tf);
    if (r)
        return r;
    p->thread = thread_create_user(p, &tf);
    if (!p->thread)
        return -ENOMEM;
    thread_start(p->thread);
    return p->pid;
}
