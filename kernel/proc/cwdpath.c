#include "proc/cwdpath.h"
#include "proc/proc.h"
#include "lib/errno.h"
#include "lib/string.h"

/* Appends one component to an absolute path in buf (length *len), folding . and ..;
 * false if it does not fit. */
static bool push_component(char *buf, size_t *len, const char *c, size_t n) {
    if (n == 1 && c[0] == '.')
        return true;
    if (n == 2 && c[0] == '.' && c[1] == '.') {
        while (*len > 1 && buf[*len - 1] != '/')
            (*len)--;
        if (*len > 1)
            (*len)--;
        buf[*len] = 0;
        return true;
    }
    if (*len + (*len > 1) + n + 1 > PROC_CWD_MAX)
        return false;
    if (*len > 1)
        buf[(*len)++] = '/';
    memcpy(buf + *len, c, n);
    *len += n;
    buf[*len] = 0;
    return true;
}

int cwdpath_change(struct proc *p, const char *path) {
    char buf[PROC_CWD_MAX];
    size_t len = 1;
    buf[0] = '/';
    buf[1] = 0;
    if (path[0] != '/') {
        strlcpy(buf, p->fs->cwd_path[0] ? p->fs->cwd_path : "/", sizeof buf);
        len = strlen(buf);
    }
    for (const char *s = path; *s;) {
        while (*s == '/')
            s++;
        size_t n = 0;
        while (s[n] && s[n] != '/')
            n++;
        if (n && !push_component(buf, &len, s, n))
            return -ENAMETOOLONG;
        s += n;
    }
    memcpy(p->fs->cwd_path, buf, len + 1);
    return 0;
}
