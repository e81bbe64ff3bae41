#include "arch/i386/clock.h"
#include "arch/i386/pit.h"
#include "arch/i386/cpu.h"
#include <stdbool.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define RTC_SEC 0x00
#define RTC_MIN 0x02
#define RTC_HOUR 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B
#define RTC_UPDATING 0x80
#define RTC_BINARY 0x04
#define RTC_24H 0x02
#define RTC_PM 0x80
#define PIT_CMD 0x43
#define PIT_CH0 0x40
#define PIT_LATCH0 0x00
#define PIC1_CMD 0x20
#define PIC_READ_IRR 0x0A
#define PIT_DIVISOR (1193182 / HZ)
#define NSEC_PER_TICK (NSEC_PER_SEC / HZ)

static uint64_t boot_epoch_ns;

static uint8_t cmos(uint8_t reg) {
    outb(CMOS_INDEX, reg);
    return inb(CMOS_DATA);
}

static uint32_t bcd(uint8_t v, bool binary) { return binary ? v : (v >> 4) * 10 + (v & 0xf); }

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static uint32_t days_from_civil(uint32_t y, uint32_t m, uint32_t d) {
    static const uint16_t before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    uint32_t days = (y - 1970) * 365 + before[m - 1] + d - 1;
    days += (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400;  /* leap days before y */
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (leap && m > 2)
        days++;
    return days;
}

/* Reads the RTC (assumed UTC, as QEMU provides by default) once at boot. */
void clock_init(void) {
    while (cmos(RTC_STATUS_A) & RTC_UPDATING)
        ;
    uint8_t b = cmos(RTC_STATUS_B);
    bool bin = b & RTC_BINARY;
    uint8_t hour_raw = cmos(RTC_HOUR);
    uint32_t sec = bcd(cmos(RTC_SEC), bin), min = bcd(cmos(RTC_MIN), bin);
    uint32_t hour = bcd(hour_raw & ~RTC_PM, bin);
    if (!(b & RTC_24H) && (hour_raw & RTC_PM))
        hour = (hour % 12) + 12;
    uint32_t day = bcd(cmos(RTC_DAY), bin), mon = bcd(cmos(RTC_MONTH), bin);
    uint32_t year = 2000 + bcd(cmos(RTC_YEAR), bin);
    if (mon < 1 || mon > 12 || day < 1 || day > 31)
        mon = day = 1;
    uint64_t secs = (uint64_t)days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
    boot_epoch_ns = secs * NSEC_PER_SEC - clock_monotonic_ns();
}

/* jiffies plus how far the PIT has counted into the current tick. A tick whose IRQ is
 * pending but not yet counted shows as a counter that wrapped: add it. */
uint64_t clock_monotonic_ns(void) {
    uint32_t flags = irq_save();
    outb(PIT_CMD, PIT_LATCH0);
    uint32_t count = inb(PIT_CH0);
    count |= (uint32_t)inb(PIT_CH0) << 8;
    outb(PIC1_CMD, PIC_READ_IRR);
    bool pending = inb(PIC1_CMD) & 1;
    uint64_t ticks = jiffies;
    irq_restore(flags);
    uint32_t elapsed = count <= PIT_DIVISOR ? PIT_DIVISOR - count : 0;
    if (pending && elapsed < PIT_DIVISOR / 2)
        ticks++;
    return ticks * NSEC_PER_TICK + (uint64_t)elapsed * NSEC_PER_TICK / PIT_DIVISOR;
}

uint64_t clock_realtime_ns(void) { return boot_epoch_ns + clock_monotonic_ns(); }
uint32_t clock_seconds(void) { return (uint32_t)(clock_realtime_ns() / NSEC_PER_SEC); }
