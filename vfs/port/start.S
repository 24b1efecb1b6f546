/*
 * vfs/port/start.S — the VFS server's entry.  The kernel's ELF loader
 * enters here as Linux does: sp (16-byte aligned) points at argc, then the
 * argv pointers and NULL, the envp pointers and NULL, the auxv pairs.
 * x0 is not meaningful.  _start_c (port.c) never returns.
 */
    .text
    .global _start
    .type _start, %function
_start:
    mov     x29, #0         /* end of the frame chain for backtraces */
    mov     x30, #0
    mov     x0, sp
    bl      _start_c
1:  b       1b
    .size _start, . - _start
    .section .note.GNU-stack, "", %progbits
