/* VGA text console: scrolling, newline, tab and backspace; light grey on black. */
#include "drivers/vga.h"
#include "arch/i386/cpu.h"
#include "arch/i386/layout.h"
#include <stdint.h>

#define VGA_PHYS  0xB8000
#define VGA_COLS  80
#define VGA_ROWS  25
#define VGA_ATTR  0x07
#define CRTC_INDEX 0x3D4
#define CRTC_DATA  0x3D5
#define CRTC_CURSOR_HI 0x0E
#define CRTC_CURSOR_LO 0x0F
#define TAB_STOP  8

static uint16_t *const vga = (uint16_t *)PHYS_TO_VIRT(VGA_PHYS);
static int row, col;

static uint16_t cell(char c) { return (uint16_t)(VGA_ATTR << 8) | (uint8_t)c; }

static void move_cursor(void) {
    uint16_t pos = (uint16_t)(row * VGA_COLS + col);
    outb(CRTC_INDEX, CRTC_CURSOR_HI); outb(CRTC_DATA, pos >> 8);
    outb(CRTC_INDEX, CRTC_CURSOR_LO); outb(CRTC_DATA, pos & 0xFF);
}

static void scroll(void) {
    for (int i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
        vga[i] = vga[i + VGA_COLS];
    for (int i = 0; i < VGA_COLS; i++)
        vga[(VGA_ROWS - 1) * VGA_COLS + i] = cell(' ');
    row = VGA_ROWS - 1;
}

void vga_init(void) {
    for (int i = 0; i < VGA_ROWS * VGA_COLS; i++)
        vga[i] = cell(' ');
    row = col = 0;
    move_cursor();
}

void vga_putc(char c) {
    if (c == '\n') {
        col = 0, row++;
    } else if (c == '\r') {
        col = 0;
    } else if (c == '\t') {
        col = (col + TAB_STOP) & ~(TAB_STOP - 1);
    } else if (c == '\b') {
        if (col) col--;
    } else {
        vga[row * VGA_COLS + col] = cell(c);
        col++;
    }
    if (col >= VGA_COLS)
        col = 0, row++;
    if (row >= VGA_ROWS)
        scroll();
    move_cursor();
}
