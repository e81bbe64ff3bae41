/* Intrusive circular doubly linked lists (the shape every kernel uses).
 * Pure: builds unchanged in the kernel and on the host. */
#ifndef LIB_LIST_H
#define LIB_LIST_H
#include <stddef.h>
#include <stdbool.h>

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_for_each(pos, head) \
    for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)
#define list_for_each_safe(pos, tmp, head) \
    for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
         (pos) = (tmp), (tmp) = (pos)->next)

/* Makes head an empty list (points at itself both ways). */
static inline void list_init(struct list_head *head) { head->next = head->prev = head; }

static inline bool list_empty(const struct list_head *head) { return head->next == head; }

/* Links node between two adjacent nodes a and b. */
static inline void list_link_between(struct list_head *node, struct list_head *a,
                                     struct list_head *b) {
    node->prev = a;
    node->next = b;
    a->next = node;
    b->prev = node;
}

/* Adds node right after head (stack order). */
static inline void list_add(struct list_head *node, struct list_head *head) {
    list_link_between(node, head, head->next);
}

/* Adds node right before head (queue order). */
static inline void list_add_tail(struct list_head *node, struct list_head *head) {
    list_link_between(node, head->prev, head);
}

/* Unlinks node; it is left pointing at itself so a second del is harmless. */
static inline void list_del(struct list_head *node) {
    node->prev->next = node->next;
    node->next->prev = node->prev;
    list_init(node);
}
#endif
