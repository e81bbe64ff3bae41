/* mem_init: hands every usable frame from the multiboot memory map to the buddy
 * allocator, after paging_init() built the direct map. */
#ifndef MM_MEMINIT_H
#define MM_MEMINIT_H
void mem_init(void);
#endif
