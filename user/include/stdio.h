/* Buffered standard I/O. stdout is line-buffered on a terminal and fully buffered
 * otherwise; stderr is unbuffered; every stream is flushed at exit(). */
#ifndef _STDIO_H
#define _STDIO_H
#include <features.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#define EOF (-1)
#define BUFSIZ 4096
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

typedef struct _FILE FILE;
extern FILE *stdin, *stdout, *stderr;

__BEGIN_DECLS
FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
int fflush(FILE *f);
int fileno(FILE *f);
int setvbuf(FILE *f, char *buf, int mode, size_t size);
void setbuf(FILE *f, char *buf);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fseek(FILE *f, long off, int whence);
long ftell(FILE *f);
void rewind(FILE *f);

size_t fread(void *buf, size_t size, size_t n, FILE *f);
size_t fwrite(const void *buf, size_t size, size_t n, FILE *f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *s, int size, FILE *f);
ssize_t getline(char **line, size_t *cap, FILE *f);
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);

__printflike(1, 2) int printf(const char *fmt, ...);
__printflike(2, 3) int fprintf(FILE *f, const char *fmt, ...);
__printflike(2, 3) int dprintf(int fd, const char *fmt, ...);
__printflike(2, 3) int sprintf(char *buf, const char *fmt, ...);
__printflike(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printflike(2, 3) int asprintf(char **out, const char *fmt, ...);
__printflike(1, 0) int vprintf(const char *fmt, va_list ap);
__printflike(2, 0) int vfprintf(FILE *f, const char *fmt, va_list ap);
__printflike(2, 0) int vdprintf(int fd, const char *fmt, va_list ap);
__printflike(2, 0) int vsprintf(char *buf, const char *fmt, va_list ap);
__printflike(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__printflike(2, 0) int vasprintf(char **out, const char *fmt, va_list ap);

void perror(const char *msg);
int remove(const char *path);
int rename(const char *from, const char *to);
__END_DECLS
#endif
