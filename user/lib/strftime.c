/* strftime for the "C" locale: %a %A %b %B %d %e %H %I %j %m %M %p %S %y %Y %Z %F %T %D
 * %R %s %n %t %%. Returns the length written, or 0 if it did not fit. */
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const wday_name[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
static const char *const mon_name[] = {"January", "February", "March", "April", "May", "June",
                                       "July", "August", "September", "October", "November",
                                       "December"};

/* The expansion of one conversion character into tmp (NUL-terminated). */
static void conv(char c, const struct tm *tm, char *tmp, size_t n) {
    const char *wd = wday_name[(unsigned)tm->tm_wday % 7], *mn = mon_name[(unsigned)tm->tm_mon % 12];
    int h12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
    struct tm copy = *tm;
    switch (c) {
    case 'a': snprintf(tmp, n, "%.3s", wd); break;
    case 'A': snprintf(tmp, n, "%s", wd); break;
    case 'b': case 'h': snprintf(tmp, n, "%.3s", mn); break;
    case 'B': snprintf(tmp, n, "%s", mn); break;
    case 'd': snprintf(tmp, n, "%02d", tm->tm_mday); break;
    case 'e': snprintf(tmp, n, "%2d", tm->tm_mday); break;
    case 'H': snprintf(tmp, n, "%02d", tm->tm_hour); break;
    case 'I': snprintf(tmp, n, "%02d", h12); break;
    case 'j': snprintf(tmp, n, "%03d", tm->tm_yday + 1); break;
    case 'm': snprintf(tmp, n, "%02d", tm->tm_mon + 1); break;
    case 'M': snprintf(tmp, n, "%02d", tm->tm_min); break;
    case 'p': snprintf(tmp, n, "%s", tm->tm_hour < 12 ? "AM" : "PM"); break;
    case 'S': snprintf(tmp, n, "%02d", tm->tm_sec); break;
    case 'y': snprintf(tmp, n, "%02d", (tm->tm_year + 1900) % 100); break;
    case 'Y': snprintf(tmp, n, "%d", tm->tm_year + 1900); break;
    case 'Z': snprintf(tmp, n, "%s", tm->tm_zone ? tm->tm_zone : "UTC"); break;
    case 'F': snprintf(tmp, n, "%d-%02d-%02d", tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday); break;
    case 'T': snprintf(tmp, n, "%02d:%02d:%02d", tm->tm_hour, tm->tm_min, tm->tm_sec); break;
    case 'R': snprintf(tmp, n, "%02d:%02d", tm->tm_hour, tm->tm_min); break;
    case 'D': snprintf(tmp, n, "%02d/%02d/%02d", tm->tm_mon + 1, tm->tm_mday, (tm->tm_year + 1900) % 100); break;
    case 's': snprintf(tmp, n, "%ld", (long)timegm(&copy)); break;
    case 'n': snprintf(tmp, n, "\n"); break;
    case 't': snprintf(tmp, n, "\t"); break;
    case '%': snprintf(tmp, n, "%%"); break;
    default: snprintf(tmp, n, "%%%c", c); break;
    }
}

size_t strftime(char *buf, size_t size, const char *fmt, const struct tm *tm) {
    size_t len = 0;
    for (; *fmt; fmt++) {
        char tmp[64] = {*fmt, 0};
        if (*fmt == '%' && fmt[1])
            conv(*++fmt, tm, tmp, sizeof tmp);
        size_t n = strlen(tmp);
        if (len + n >= size)
            return 0;
        memcpy(buf + len, tmp, n);
        len += n;
    }
    if (size)
        buf[len] = 0;
    return len;
}
