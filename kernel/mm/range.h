/* Page-range helpers shared by the range system calls (munmap, mprotect, mremap,
 * madvise, mincore): argument checks, VMA boundaries, coverage and a walk over the
 * pages of a range that hold frames. */
#ifndef MM_RANGE_H
#define MM_RANGE_H
#include <stdbool.h>
#include <stdint.h>
#include "mm/mm.h"

int mm_range_args(uint32_t start, uint32_t *len);
int mm_split_at(struct mm *mm, uint32_t addr);
bool mm_range_covered(struct mm *mm, uint32_t start, uint32_t end);
pte_t *mm_next_frame(struct mm *mm, uint32_t *va, uint32_t end);
#endif
