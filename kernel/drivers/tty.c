#include "drivers/tty.h"
#include "drivers/tty_termios.h"
#include "drivers/console.h"
#include "drivers/serial.h"
#include "arch/i386/trap.h"
#include "arch/i386/pic.h"
#include "arch/i386/cpu.h"
#include "fs/file.h"
#include "abi/poll.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "mm/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

#define TTY_BUF 1024
#define IRQ_COM1 4
#define UART_IER 1
#define IER_RX 0x01
#define CTRL(c) ((c) & 0x1f)
#define DEL 0x7f
#define TTY_ROWS 25
#define TTY_COLS 80

static struct {
    struct termios tio;
    struct winsize ws;
    char buf[TTY_BUF];        /* input: [head, tail) ring */
    uint32_t head, tail;
    uint32_t lines;           /* complete lines (or EOF marks) waiting in canonical mode */
    uint32_t edit;            /* start of the line being edited */
    int fg_pgrp;
} tty;

static uint32_t used(void) { return tty.tail - tty.head; }

static void echo(const char *s, size_t n) {
    if (tty.tio.c_lflag & ECHO)
        console_write_user(s, n, (tty.tio.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR));
}

static void send_intr(void) {
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        bool fg = tty.fg_pgrp ? p->pgid == tty.fg_pgrp : p != init_proc;
        if (p->state != P_UNUSED && p->state != P_ZOMBIE && fg && p->pid > 1)
            signal_send(p, SIGINT);
    }
}

/* Line editing for canonical mode; returns true if c was consumed as an edit. */
static bool canon_edit(char c) {
    if (c == tty.tio.c_cc[VERASE] || c == '\b') {
        if (tty.tail > tty.edit) {
            tty.tail--;
            echo("\b \b", 3);
        }
        return true;
    }
    if (c == tty.tio.c_cc[VKILL]) {
        while (tty.tail > tty.edit) {
            tty.tail--;
            echo("\b \b", 3);
        }
        return true;
    }
    return false;
}

void tty_input(char c) {
    if ((tty.tio.c_iflag & ICRNL) && c == '\r')
        c = '\n';
    if ((tty.tio.c_lflag & ISIG) && c == tty.tio.c_cc[VINTR]) {
        echo("^C\n", 3);
        tty.tail = tty.edit;
        send_intr();
        return;
    }
    bool canon = tty.tio.c_lflag & ICANON;
    if (canon && canon_edit(c))
        return;
    if (used() >= TTY_BUF - 1)
        return;                                   /* full: drop, as a real tty does */
    bool eof = canon && c == tty.tio.c_cc[VEOF];
    tty.buf[tty.tail++ % TTY_BUF] = c;
    if (!eof)
        echo(&c, 1);
    if (!canon || c == '\n' || eof) {
        tty.lines++;
        tty.edit = tty.tail;
        wakeup(&tty);
    }
}

static void com1_irq(struct trapframe *tf) {
    (void)tf;
    int c;
    while ((c = serial_getc(COM1)) >= 0)
        tty_input((char)c);
}

/* Canonical read: up to one line, Ctrl-D alone gives 0 (end of file). Raw read: what
 * is there, at least one byte. Sleeps until then; -EINTR on a signal. */
static long tty_read(struct file *f, void *buf, size_t len) {
    (void)f;
    bool canon = tty.tio.c_lflag & ICANON;
    while (!tty.lines) {
        if (current && signal_pending(current))
            return -EINTR;
        sleep_on(&tty);
    }
    char *out = buf;
    size_t n = 0;
    uint32_t flags = irq_save();
    while (n < len && tty.head != tty.edit) {
        char c = tty.buf[tty.head++ % TTY_BUF];
        if (canon && c == tty.tio.c_cc[VEOF]) {
            tty.lines--;
            break;
        }
        out[n++] = c;
        if (canon && c == '\n') {
            tty.lines--;
            break;
        }
    }
    if (!canon)
        tty.lines = tty.head != tty.edit;
    irq_restore(flags);
    return (long)n;
}

static long tty_write(struct file *f, const void *buf, size_t len) {
    (void)f;
    console_write_user(buf, len, (tty.tio.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR));
    return (long)len;
}

static long tty_ioctl(struct file *f, uint32_t cmd, uint32_t arg) {
    (void)f;
    void *uarg = (void *)arg;
    int pgrp;
    uint32_t avail;
    switch (cmd) {
    case TCGETS:
        return copy_to_user(uarg, &tty.tio, sizeof tty.tio);
    case TCSETS: case TCSETSW: case TCSETSF:
        return copy_from_user(&tty.tio, uarg, sizeof tty.tio);
    case TIOCGWINSZ:
        return copy_to_user(uarg, &tty.ws, sizeof tty.ws);
    case TIOCSWINSZ:
        return copy_from_user(&tty.ws, uarg, sizeof tty.ws);
    case TIOCGPGRP:
        pgrp = tty.fg_pgrp ? tty.fg_pgrp : (current ? current->pgid : 0);
        return copy_to_user(uarg, &pgrp, sizeof pgrp);
    case TIOCSPGRP:
        return copy_from_user(&tty.fg_pgrp, uarg, sizeof tty.fg_pgrp);
    case FIONREAD:
        avail = tty.edit - tty.head;
        return copy_to_user(uarg, &avail, sizeof avail);
    default:
        return -ENOTTY;
    }
}

static int tty_stat(struct file *f, struct kstat *st) {
    (void)f;
    memset(st, 0, sizeof *st);
    st->mode = 0020620;       /* S_IFCHR | 0620, as a Linux console */
    st->rdev = (5 << 8) | 1;  /* /dev/console: major 5, minor 1 */
    st->nlink = 1;
    st->blksize = 1024;
    return 0;
}

static uint32_t tty_poll(struct file *f) {
    (void)f;
    return (tty.lines ? POLLIN : 0) | POLLOUT;
}

static const struct file_ops tty_ops = {
    .read = tty_read, .write = tty_write, .ioctl = tty_ioctl, .stat = tty_stat,
    .poll = tty_poll,
};

struct file *tty_open(unsigned flags) { return file_alloc(&tty_ops, flags, &tty); }

/* Sets Linux's default termios (one-shot runs behave like a pipe: no echo, no \r). */
void tty_init(bool oneshot) {
    tty.tio.c_iflag = ICRNL;
    tty.tio.c_oflag = oneshot ? 0 : OPOST | ONLCR;
    tty.tio.c_cflag = B38400 | CS8 | CREAD;
    tty.tio.c_lflag = ISIG | ICANON | (oneshot ? 0 : ECHO | ECHOE | ECHOK);
    tty.tio.c_cc[VINTR] = CTRL('C');
    tty.tio.c_cc[VQUIT] = CTRL('\\');
    tty.tio.c_cc[VERASE] = DEL;
    tty.tio.c_cc[VKILL] = CTRL('U');
    tty.tio.c_cc[VEOF] = CTRL('D');
    tty.tio.c_cc[VMIN] = 1;
    tty.ws = (struct winsize){TTY_ROWS, TTY_COLS, 0, 0};
    irq_register(IRQ_COM1, com1_irq);
    outb(COM1 + UART_IER, IER_RX);
    pic_unmask(IRQ_COM1);
}
