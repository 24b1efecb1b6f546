/* arch/const.h — constants usable from both C and assembly. */
#ifndef ARCH_CONST_H
#define ARCH_CONST_H

#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##UL
#endif

#endif
