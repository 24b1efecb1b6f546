/*
 * arch/board.h — the few things that differ per board and are not described
 * by a standard binding Keel already handles.  One file per board under
 * arch/aarch64/boards/; each probes the device tree and does nothing on
 * other machines.
 */
#ifndef ARCH_BOARD_H
#define ARCH_BOARD_H

/* board_init: probe for board-specific devices (after mmu_init). */
void board_init(void);

/* board_power_off / board_reset: return only if this board cannot. */
void board_power_off(void);
void board_reset(void);

/* board_name: a short name for the banner, or NULL if generic. */
const char *board_name(void);

#endif
