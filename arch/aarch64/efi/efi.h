/*
 * arch/aarch64/efi/efi.h — the few UEFI types the stub uses (UEFI 2.x
 * specification, sections 4 "EFI System Table", 7 "Services — Boot
 * Services", 9 "Protocols — EFI Loaded Image", 10 "Device Path", 13.2
 * "Load File 2").  Only the members the stub calls are typed; the rest are
 * placeholders that keep the layout.  AArch64 UEFI uses the AAPCS64 calling
 * convention, so plain function pointers are right.
 */
#ifndef KEEL_EFI_H
#define KEEL_EFI_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t efi_status_t;
typedef void *efi_handle_t;
typedef uint16_t efi_char16_t;

#define EFI_SUCCESS 0
#define EFI_ERROR_BIT (1ULL << 63)
#define EFI_INVALID_PARAMETER (EFI_ERROR_BIT | 2)
#define EFI_UNSUPPORTED (EFI_ERROR_BIT | 3)
#define EFI_BUFFER_TOO_SMALL (EFI_ERROR_BIT | 5)
#define EFI_LOAD_ERROR (EFI_ERROR_BIT | 1)
#define EFI_OUT_OF_RESOURCES (EFI_ERROR_BIT | 9)
#define EFI_NOT_FOUND (EFI_ERROR_BIT | 14)

typedef struct {
    uint32_t a;
    uint16_t b, c;
    uint8_t d[8];
} efi_guid_t;

#define EFI_GUID(a, b, c, d0, d1, d2, d3, d4, d5, d6, d7)                                          \
    {                                                                                              \
        (a), (b), (c),                                                                             \
        {                                                                                          \
            (d0), (d1), (d2), (d3), (d4), (d5), (d6), (d7)                                         \
        }                                                                                          \
    }

#define LOADED_IMAGE_PROTOCOL_GUID                                                                 \
    EFI_GUID(0x5b1b31a1, 0x9562, 0x11d2, 0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)
#define LOAD_FILE2_PROTOCOL_GUID                                                                   \
    EFI_GUID(0x4006c0c1, 0xfcb3, 0x403e, 0x99, 0x6d, 0x4a, 0x6c, 0x87, 0x24, 0xe0, 0x6d)
#define DEVICE_PATH_PROTOCOL_GUID                                                                  \
    EFI_GUID(0x09576e91, 0x6d3f, 0x11d2, 0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)
#define LINUX_EFI_INITRD_MEDIA_GUID                                                                \
    EFI_GUID(0x5568e427, 0x68fc, 0x4f3d, 0xac, 0x74, 0xca, 0x55, 0x52, 0x31, 0xcc, 0x68)
#define DEVICE_TREE_GUID                                                                           \
    EFI_GUID(0xb1b621d5, 0xf19c, 0x41a5, 0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0)
#define ACPI_20_TABLE_GUID                                                                         \
    EFI_GUID(0x8868e871, 0xe4f1, 0x11d3, 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81)

typedef struct {
    uint64_t signature;
    uint32_t revision;
    uint32_t header_size;
    uint32_t crc32;
    uint32_t reserved;
} efi_table_header_t;

typedef struct efi_simple_text_output {
    void *reset;
    efi_status_t (*output_string)(struct efi_simple_text_output *self, const efi_char16_t *s);
} efi_simple_text_output_t;

#define EFI_ALLOCATE_ANY_PAGES 0
#define EFI_ALLOCATE_MAX_ADDRESS 1

typedef struct {
    efi_table_header_t hdr;
    void *raise_tpl;
    void *restore_tpl;
    efi_status_t (*allocate_pages)(uint32_t type, uint32_t memory_type, uint64_t pages,
                                   uint64_t *memory);
    efi_status_t (*free_pages)(uint64_t memory, uint64_t pages);
    efi_status_t (*get_memory_map)(uint64_t *map_size, void *map, uint64_t *map_key,
                                   uint64_t *desc_size, uint32_t *desc_version);
    void *allocate_pool;
    void *free_pool;
    void *create_event;
    void *set_timer;
    void *wait_for_event;
    void *signal_event;
    void *close_event;
    void *check_event;
    void *install_protocol_interface;
    void *reinstall_protocol_interface;
    void *uninstall_protocol_interface;
    efi_status_t (*handle_protocol)(efi_handle_t handle, const efi_guid_t *protocol,
                                    void **interface);
    void *reserved;
    void *register_protocol_notify;
    void *locate_handle;
    efi_status_t (*locate_device_path)(const efi_guid_t *protocol, void **device_path,
                                       efi_handle_t *device);
    void *install_configuration_table;
    void *load_image;
    void *start_image;
    void *exit;
    void *unload_image;
    efi_status_t (*exit_boot_services)(efi_handle_t image, uint64_t map_key);
} efi_boot_services_t;

typedef struct {
    efi_guid_t guid;
    void *table;
} efi_config_table_t;

typedef struct {
    efi_table_header_t hdr;
    efi_char16_t *firmware_vendor;
    uint32_t firmware_revision;
    efi_handle_t console_in_handle;
    void *con_in;
    efi_handle_t console_out_handle;
    efi_simple_text_output_t *con_out;
    efi_handle_t standard_error_handle;
    efi_simple_text_output_t *std_err;
    void *runtime_services;
    efi_boot_services_t *boot_services;
    uint64_t number_of_table_entries;
    efi_config_table_t *configuration_table;
} efi_system_table_t;

typedef struct {
    uint32_t revision;
    efi_handle_t parent_handle;
    efi_system_table_t *system_table;
    efi_handle_t device_handle;
    void *file_path;
    void *reserved;
    uint32_t load_options_size;
    void *load_options;
    void *image_base;
    uint64_t image_size;
    uint32_t image_code_type;
    uint32_t image_data_type;
    void *unload;
} efi_loaded_image_t;

typedef struct efi_load_file2 {
    efi_status_t (*load_file)(struct efi_load_file2 *self, void *file_path, uint8_t boot_policy,
                              uint64_t *buffer_size, void *buffer);
} efi_load_file2_t;

/* A vendor-defined media device path node followed by the end node. */
struct efi_initrd_device_path {
    uint8_t type, subtype, length[2];
    efi_guid_t vendor;
    uint8_t end_type, end_subtype, end_length[2];
} __attribute__((packed));

_Static_assert(sizeof(efi_config_table_t) == 24, "config table entry");
_Static_assert(offsetof(efi_boot_services_t, exit_boot_services) == 24 + 26 * 8, "boot services");
_Static_assert(offsetof(efi_system_table_t, boot_services) == 96, "system table");
_Static_assert(offsetof(efi_loaded_image_t, load_options) == 56, "loaded image");
_Static_assert(sizeof(struct efi_initrd_device_path) == 24, "initrd device path");

#endif
