/* Pipes: a 64 KiB ring between a read end and a write end (Linux's default capacity).
 * Readers block while it is empty and see end of file once every writer has closed;
 * writers block while it is full, and get EPIPE (and SIGPIPE) once every reader has
 * closed. Writes of at most PIPE_BUF bytes are atomic. */
#ifndef FS_PIPE_H
#define FS_PIPE_H
struct file;
#define PIPE_SIZE 65536
#define PIPE_BUF 4096
/* Creates a pipe; on success *rd and *wr are new files (one reference each). */
int pipe_create(struct file **rd, struct file **wr, unsigned flags);
#endif
