#!/usr/bin/env bash
# Writes the seed corpus of the elf_symbols fuzz target (tests/fuzz/corpus/elf_symbols/): tiny shared
# libraries (no libc, 16-byte pages, so each is about 2 KB) of both ELF classes, with and without a
# version script and a symbol table, and near-valid variants (truncated, a header only). The generated
# files are committed; rerun this script (needs gcc, and clang with lld for the 32-bit one) to refresh them.
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)/corpus/elf_symbols"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/plugin.c" <<'C'
const void *vernier_plugin_entry(unsigned v) { return v ? (const void *)0 : (const void *)1; }
int other_symbol;
__attribute__((visibility("hidden"))) int hidden_symbol;
extern int imported(void);
int use(void) { return imported(); }
C
echo 'VERS_1 { global: vernier_plugin_entry; local: *; };' > "$tmp/exports.map"
small=(-O2 -shared -fPIC -nostdlib -Wl,-z,max-page-size=16 -Wl,-z,noseparate-code)
gcc "${small[@]}" -o "$tmp/elf64-symtab.so" "$tmp/plugin.c"
gcc "${small[@]}" -o "$tmp/elf64.so" "$tmp/plugin.c" && strip "$tmp/elf64.so"
gcc "${small[@]}" -Wl,--version-script="$tmp/exports.map" -o "$tmp/elf64-version-script.so" "$tmp/plugin.c"
strip "$tmp/elf64-version-script.so"
clang -m32 -fuse-ld=lld "${small[@]}" -o "$tmp/elf32.so" "$tmp/plugin.c" && strip "$tmp/elf32.so"
head -c 1000 "$tmp/elf64.so" > "$tmp/near-valid-truncated.so"
head -c 64 "$tmp/elf64.so" > "$tmp/near-valid-header-only.so"
cp "$tmp"/*.so "$out"/
ls -l "$out"
