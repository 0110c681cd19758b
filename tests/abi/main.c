/* The C ABI is a promise (docs/abi.md, VN-ABI-2): through the old include paths and the new ones, in C and
 * in C++, every struct keeps its size and field offsets and every constant its value, as recorded in
 * layout_lp64.inc. Exit 77 (skipped) where the snapshot's data model does not apply. */
#include <stdio.h>

int vn_layout_check_old_paths_c(void);
int vn_layout_check_new_paths_cxx(void);

int main(void) {
  int differences;
  if (sizeof(void *) != 8 || sizeof(long) != 8) {
    printf("abi_layout: skipped, the snapshot is for LP64\n");
    return 77;
  }
  differences = vn_layout_check_old_paths_c() + vn_layout_check_new_paths_cxx();
  if (differences != 0) {
    printf("abi_layout: %d differences from the ABI snapshot (a minor version may only append: "
           "regenerate tests/abi/layout_lp64.inc with snapshot_layout.py only then)\n", differences);
    return 1;
  }
  printf("abi_layout: every struct, field and constant as promised, through old and new include paths\n");
  return 0;
}
