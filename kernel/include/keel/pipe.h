/*
 * keel/pipe.h — kernel pipes: a 64 KiB ring, blocking and non-blocking
 * I/O, writes of at most PIPE_BUF bytes atomic, EOF once every writer has
 * closed, EPIPE and SIGPIPE once every reader has.
 */
#ifndef KEEL_PIPE_H
#define KEEL_PIPE_H

#include <keel/file.h>

#define PIPE_BUF 4096
#define PIPE_SIZE 65536

/* pipe_create: the read and write ends (each one reference), or -ENOMEM. */
int pipe_create(struct file **rd, struct file **wr, unsigned flags);

/* file_is_pipe: f is an end of a pipe. */
bool file_is_pipe(const struct file *f);

/* fifo_open: open a named pipe (its FIFO node's inode is `key`). */
int fifo_open(uint64_t key, unsigned flags, struct file **out);

/* pipe_inode: the pipe's inode number (pipe:[N] in /proc). */
uint64_t pipe_inode(const struct file *f);

#endif
