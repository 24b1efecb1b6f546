/*
 * mm/kheap.c — kmalloc/kfree: size classes of 16..2048 bytes carved from
 * single pages (slabs), larger requests from whole pages.
 *
 * Every heap page starts with a struct heap_page header, so kfree finds it
 * by rounding the pointer down to its page.  heap_lock guards the partial
 * lists and the counters.
 */
#include <arch/memlayout.h>
#include <keel/compiler.h>
#include <keel/mm.h>
#include <keel/printk.h>
#include <keel/spinlock.h>
#include <keel/string.h>

#define SLAB_MAGIC 0x534c4142u  /* "SLAB" */
#define LARGE_MAGIC 0x4c524745u /* "LRGE" */
#define NCLASSES 8
#define MIN_CLASS_SHIFT 4 /* 16 bytes */
#define HEADER_SIZE 64

struct heap_page {
    uint32_t magic;
    uint16_t class_shift;          /* slab: object size = 1 << class_shift */
    uint16_t order;                /* large: page order */
    uint32_t inuse;                /* slab: objects allocated */
    uint32_t capacity;             /* slab: objects in the page */
    void *free;                    /* slab: free-object list */
    struct heap_page *next, *prev; /* slab: on its class's partial list */
    uint64_t size;                 /* large: bytes requested */
};
_Static_assert(sizeof(struct heap_page) <= HEADER_SIZE, "heap page header fits");

static spinlock_t heap_lock = SPINLOCK_INIT;
static struct heap_page *partial[NCLASSES];
static uint64_t heap_bytes, heap_pages;

static void list_add(struct heap_page **head, struct heap_page *p)
{
    p->prev = NULL;
    p->next = *head;
    if (*head)
        (*head)->prev = p;
    *head = p;
}

static void list_del(struct heap_page **head, struct heap_page *p)
{
    if (p->prev)
        p->prev->next = p->next;
    else
        *head = p->next;
    if (p->next)
        p->next->prev = p->prev;
    p->next = p->prev = NULL;
}

static unsigned class_of(size_t size)
{
    unsigned c = 0;
    while ((1UL << (c + MIN_CLASS_SHIFT)) < size)
        c++;
    return c;
}

static void *large_alloc(size_t size)
{
    unsigned order = 0;
    while ((PAGE_SIZE << order) < size + HEADER_SIZE)
        order++;
    struct heap_page *p = page_alloc(order);
    if (!p)
        return NULL;
    p->magic = LARGE_MAGIC;
    p->order = (uint16_t)order;
    p->size = size;
    irq_flags_t f = spin_lock_irqsave(&heap_lock);
    heap_bytes += size;
    heap_pages += 1UL << order;
    spin_unlock_irqrestore(&heap_lock, f);
    return (uint8_t *)p + HEADER_SIZE;
}

void *kmalloc(size_t size)
{
    if (size == 0)
        size = 1;
    if (size > (1UL << (MIN_CLASS_SHIFT + NCLASSES - 1)))
        return size > (1UL << 30) ? NULL : large_alloc(size);
    unsigned c = class_of(size);
    size_t obj = 1UL << (c + MIN_CLASS_SHIFT);

    irq_flags_t f = spin_lock_irqsave(&heap_lock);
    struct heap_page *p = partial[c];
    if (!p) {
        spin_unlock_irqrestore(&heap_lock, f);
        p = page_alloc(0);
        if (!p)
            return NULL;
        p->magic = SLAB_MAGIC;
        p->class_shift = (uint16_t)(c + MIN_CLASS_SHIFT);
        p->capacity = (uint32_t)((PAGE_SIZE - HEADER_SIZE) / obj);
        uint8_t *first = (uint8_t *)p + HEADER_SIZE;
        for (uint32_t i = 0; i < p->capacity; i++) {
            void **o = (void **)(first + i * obj);
            *o = i + 1 < p->capacity ? first + (i + 1) * obj : NULL;
        }
        p->free = first;
        f = spin_lock_irqsave(&heap_lock);
        heap_pages++;
        list_add(&partial[c], p);
    }
    void **o = p->free;
    p->free = *o;
    p->inuse++;
    if (!p->free)
        list_del(&partial[c], p);
    heap_bytes += obj;
    spin_unlock_irqrestore(&heap_lock, f);
    return o;
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void kfree(void *ptr)
{
    if (!ptr)
        return;
    struct heap_page *p = (struct heap_page *)ALIGN_DOWN((uint64_t)ptr, PAGE_SIZE);
    if (p->magic == LARGE_MAGIC && (uint8_t *)ptr == (uint8_t *)p + HEADER_SIZE) {
        irq_flags_t f = spin_lock_irqsave(&heap_lock);
        heap_bytes -= p->size;
        heap_pages -= 1UL << p->order;
        spin_unlock_irqrestore(&heap_lock, f);
        unsigned order = p->order;
        p->magic = 0;
        page_free(p, order);
        return;
    }
    if (p->magic != SLAB_MAGIC)
        panic("kfree: %p is not a heap object", ptr);
    size_t obj = 1UL << p->class_shift;
    unsigned c = p->class_shift - MIN_CLASS_SHIFT;
    if (((uint64_t)ptr - (uint64_t)p - HEADER_SIZE) % obj)
        panic("kfree: %p is not the start of an object", ptr);

    irq_flags_t f = spin_lock_irqsave(&heap_lock);
    bool was_full = p->free == NULL;
    *(void **)ptr = p->free;
    p->free = ptr;
    p->inuse--;
    heap_bytes -= obj;
    if (p->inuse == 0) {
        if (!was_full)
            list_del(&partial[c], p);
        heap_pages--;
        p->magic = 0;
        spin_unlock_irqrestore(&heap_lock, f);
        page_free(p, 0);
        return;
    }
    if (was_full)
        list_add(&partial[c], p);
    spin_unlock_irqrestore(&heap_lock, f);
}

void mem_get_stats(struct mem_stats *s)
{
    pmm_page_counts(&s->total_pages, &s->free_pages);
    irq_flags_t f = spin_lock_irqsave(&heap_lock);
    s->heap_bytes = heap_bytes;
    s->heap_pages = heap_pages;
    spin_unlock_irqrestore(&heap_lock, f);
}
