#include "drivers/kbd.h"
#include "drivers/tty.h"
#include "arch/i386/cpu.h"
#include "arch/i386/pic.h"
#include "arch/i386/trap.h"
#include <stdbool.h>

#define KBD_DATA 0x60
#define KBD_STATUS 0x64
#define KBD_OUTPUT_FULL 0x01
#define IRQ_KBD 1
#define SC_RELEASE 0x80
#define SC_EXTENDED 0xE0
#define SC_LSHIFT 0x2A
#define SC_RSHIFT 0x36
#define SC_CTRL 0x1D
#define SC_CAPS 0x3A
#define SC_TABLE 0x3A
#define DEL 0x7f

/* Set 1 make codes 0x00..0x39 on a US layout; 0 where no character is produced. */
static const char normal[SC_TABLE] = {
    0, 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', DEL, '\t',
    'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r', 0, 'a', 's',
    'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\', 'z', 'x', 'c', 'v',
    'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
};
static const char shifted[SC_TABLE] = {
    0, 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', DEL, '\t',
    'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r', 0, 'A', 'S',
    'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|', 'Z', 'X', 'C', 'V',
    'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};

static bool shift, ctrl, caps, extended;

/* Tracks modifiers; returns the character a make code produces, 0 if none. */
static char translate(uint8_t sc) {
    bool release = sc & SC_RELEASE;
    uint8_t code = sc & ~SC_RELEASE;
    if (code == SC_LSHIFT || code == SC_RSHIFT) {
        shift = !release;
        return 0;
    }
    if (code == SC_CTRL) {
        ctrl = !release;
        return 0;
    }
    if (release || code >= SC_TABLE) {
        if (code == SC_CAPS && !release)
            caps = !caps;
        return 0;
    }
    char c = shift ? shifted[code] : normal[code];
    if (caps && c >= 'a' && c <= 'z')
        c -= 'a' - 'A';
    else if (caps && c >= 'A' && c <= 'Z' && shift)
        c += 'a' - 'A';
    if (ctrl && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        c &= 0x1f;
    return c;
}

static void kbd_irq(struct trapframe *tf) {
    (void)tf;
    while (inb(KBD_STATUS) & KBD_OUTPUT_FULL) {
        uint8_t sc = inb(KBD_DATA);
        if (sc == SC_EXTENDED) {
            extended = true;
            continue;
        }
        char c = extended ? 0 : translate(sc);   /* arrows and keypad extras: ignored */
        extended = false;
        if (c)
            tty_input(c);
    }
}

void kbd_init(void) {
    while (inb(KBD_STATUS) & KBD_OUTPUT_FULL)
        inb(KBD_DATA);
    irq_register(IRQ_KBD, kbd_irq);
    pic_unmask(IRQ_KBD);
}
