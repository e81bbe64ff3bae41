/* Broken-down time in UTC (LingOS has no time zones: localtime is gmtime), and back. */
#include <time.h>

#define SECS_PER_DAY 86400L
#define SECS_PER_HOUR 3600
#define SECS_PER_MIN 60
#define DAYS_PER_400Y 146097L
#define EPOCH_WDAY 4 /* 1970-01-01 was a Thursday */

/* Days since 1970-01-01 of the civil date y-m-d (m 1..12); Howard Hinnant's method. */
static long days_from_civil(long y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * DAYS_PER_400Y + doe - 719468;
}

struct tm *gmtime_r(const time_t *t, struct tm *tm) {
    long days = *t / SECS_PER_DAY, secs = *t % SECS_PER_DAY;
    if (secs < 0) {
        secs += SECS_PER_DAY;
        days--;
    }
    tm->tm_hour = (int)(secs / SECS_PER_HOUR);
    tm->tm_min = (int)(secs % SECS_PER_HOUR / SECS_PER_MIN);
    tm->tm_sec = (int)(secs % SECS_PER_MIN);
    tm->tm_wday = (int)((days % 7 + EPOCH_WDAY + 7) % 7);
    /* Inverse of days_from_civil. */
    long z = days + 719468;
    long era = (z >= 0 ? z : z - DAYS_PER_400Y + 1) / DAYS_PER_400Y;
    long doe = z - era * DAYS_PER_400Y;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int mday = (int)(doy - (153 * mp + 2) / 5 + 1);
    int mon = (int)(mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (mon <= 2);
    tm->tm_mday = mday;
    tm->tm_mon = mon - 1;
    tm->tm_year = (int)(year - 1900);
    tm->tm_yday = (int)(days - days_from_civil(year, 1, 1));
    tm->tm_isdst = 0;
    tm->tm_gmtoff = 0;
    tm->tm_zone = "UTC";
    return tm;
}

struct tm *gmtime(const time_t *t) {
    static struct tm tm;
    return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *t, struct tm *tm) { return gmtime_r(t, tm); }
struct tm *localtime(const time_t *t) { return gmtime(t); }

/* Normalises nothing beyond what days_from_civil tolerates: fields must be in range,
 * except tm_mday/tm_hour/tm_min/tm_sec, which may overflow and carry. */
time_t timegm(struct tm *tm) {
    long y = tm->tm_year + 1900L + tm->tm_mon / 12;
    int m = tm->tm_mon % 12;
    if (m < 0) {
        m += 12;
        y--;
    }
    long days = days_from_civil(y, m + 1, 1) + tm->tm_mday - 1;
    time_t t = (time_t)(days * SECS_PER_DAY + tm->tm_hour * SECS_PER_HOUR +
                        tm->tm_min * SECS_PER_MIN + tm->tm_sec);
    gmtime_r(&t, tm);
    return t;
}

time_t mktime(struct tm *tm) { return timegm(tm); }
double difftime(time_t a, time_t b) { return (double)(a - b); }
