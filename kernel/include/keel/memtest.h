/* keel/memtest.h — pattern tests over free RAM (mm/memtest.c). */
#ifndef KEEL_MEMTEST_H
#define KEEL_MEMTEST_H

/* memtest_run: walking ones/zeros, address lines and address-in-address
 * over every free page, which all go back afterwards.  Precondition: no
 * user process runs yet.  Prints its results; returns the number failed. */
int memtest_run(void);

#endif
