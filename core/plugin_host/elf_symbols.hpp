// What a shared library exports, read from its ELF dynamic symbol table without loading it (VN-ABI-1).
//
// Boost.DLL's library_info::symbols() is not precise enough for this check: it prefers .symtab over
// .dynsym when the library is not stripped, and counts any non-local symbol with a size, so it can list
// symbols the dynamic linker never exports. Here "exported" means what `nm -D --defined-only` shows a
// caller could bind to: .dynsym entries that are defined (not SHN_UNDEF, so imports such as malloc do not
// count), with global, weak or GNU-unique binding and default or protected visibility.
#ifndef VERNIER_CORE_PLUGIN_HOST_ELF_SYMBOLS_HPP
#define VERNIER_CORE_PLUGIN_HOST_ELF_SYMBOLS_HPP

#include <string>
#include <vector>

namespace vernier {

// The exported symbol names of the ELF shared library at path, in table order. Version-node names
// (absolute symbols of size 0 that a named version script adds, e.g. "VERS_1") are not functions or data
// and are left out. Throws std::runtime_error when the file cannot be read or is not a native ELF file.
std::vector<std::string> exported_symbols(const std::string &path);

}  // namespace vernier

#endif  // VERNIER_CORE_PLUGIN_HOST_ELF_SYMBOLS_HPP
