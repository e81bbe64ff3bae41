/* File mappings (mmap of a regular file), without a page cache: the VMA is anonymous
 * memory whose pages are read from the file when the mapping is made, and whose backing
 * (backing.h) records which file that was, for /proc/PID/maps.
 *
 * - MAP_PRIVATE: the pages are the process's own copy; writes never reach the file, and
 *   later writes to the file are not seen (Linux shows them until the page is written).
 * - MAP_SHARED without PROT_WRITE: the same snapshot, flagged VM_SHARED. A later
 *   mprotect(PROT_WRITE) is allowed (Linux: EACCES on a read-only fd) and its writes stay
 *   in memory, shared with forked children, never written to the file.
 * - MAP_SHARED with PROT_WRITE: -ENODEV (needs a page cache to be shared with read and
 *   write; EACCES first when the file is not open for writing, as on Linux).
 * - Pages wholly past the end of the file are left to demand-zero faults: they read as
 *   zero where Linux raises SIGBUS. The tail of the last page is zero, as on Linux.
 * - A page dropped by MADV_DONTNEED, or one mremap adds, is zero when touched again
 *   rather than re-read from the file. */
#include "mm/mmap.h"
#include "mm/mm.h"
#include "mm/kheap.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "lib/errno.h"

#define MAX_FILE_PAGES (1ull << 32 >> PAGE_SHIFT)   /* offsets past 4 GiB: EOVERFLOW */

int mmap_file_check(struct file *f, uint32_t prot, uint32_t flags, uint32_t len, uint32_t pgoff) {
    if (!file_readable(f))
        return -EACCES;
    if ((flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE))
        return file_writable(f) && !(f->flags & O_APPEND) ? -ENODEV : -EACCES;
    struct kstat st;
    if (!file_inode(f) || !f->ops->read || !f->ops->stat || f->ops->stat(f, &st) ||
        !S_ISREG(st.mode))
        return -ENODEV;
    if ((uint64_t)pgoff + (PAGE_ALIGN_UP(len) >> PAGE_SHIFT) > MAX_FILE_PAGES)
        return -EOVERFLOW;
    return 0;
}

/* Reads the file bytes of every page of [addr, addr + len) that lies before the end of
 * the file (size bytes) into mm; the first page is file page pgoff. */
static int fill_from_file(struct mm *mm, uint32_t addr, uint32_t len, struct file *f,
                          uint32_t pgoff, uint64_t size) {
    char *buf = kmalloc(PAGE_SIZE);
    if (!buf)
        return -ENOMEM;
    int err = 0;
    for (uint32_t done = 0; !err && done < len; done += PAGE_SIZE) {
        uint64_t off = ((uint64_t)pgoff << PAGE_SHIFT) + done;
        if (off >= size)
            break;
        uint32_t want = size - off < PAGE_SIZE ? (uint32_t)(size - off) : PAGE_SIZE;
        long n = file_pread(f, off, buf, want);
        if (n < 0)
            err = (int)n;
        else if (n > 0)
            err = mm_copy_in(mm, addr + done, buf, (size_t)n);
        if (n < (long)want)
            break;          /* the file shrank under us: the rest stays zero */
    }
    kfree(buf);
    return err;
}

int mm_map_file(struct mm *mm, uint32_t addr, uint32_t len, uint32_t prot, uint32_t vmflags,
                struct file *f, uint32_t pgoff) {
    struct kstat st;
    int err = f->ops->stat(f, &st);
    if (err)
        return err;
    struct vm_area *v = vma_alloc(addr, addr + PAGE_ALIGN_UP(len), prot, vmflags);
    if (v)
        v->backing = backing_create(st.dev, st.ino, NULL);
    if (!v || !v->backing) {
        if (v)
            vma_free(v);
        return -ENOMEM;
    }
    v->pgoff = pgoff;
    err = vma_insert(mm, v);
    if (err) {
        vma_free(v);
        return err;
    }
    err = fill_from_file(mm, addr, len, f, pgoff, st.size);
    if (err)
        mm_unmap_range(mm, addr, len);
    return err;
}

int mm_name_range(struct mm *mm, uint32_t start, uint32_t end, uint32_t dev, uint32_t ino,
                  const char *path) {
    struct vm_backing *b = backing_create(dev, ino, path);
    if (!b)
        return -ENOMEM;
    for (struct vm_area *v = vma_find_from(mm, start); v && v->end <= end; v = vma_next(mm, v))
        if (!v->backing && v->start >= start)
            v->backing = backing_get(b);
    backing_put(b);
    return 0;
}
