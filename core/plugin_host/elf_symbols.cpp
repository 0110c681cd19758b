#include "plugin_host/elf_symbols.hpp"

#include <elf.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace vernier {

namespace {

// The file, read piecewise at offsets: a plugin that links a large library statically can be big, and
// only the headers and the dynamic symbol table are needed. Every read is bounds-checked, so a truncated
// or hostile file gives an error, not a crash.
class ElfFile {
 public:
  explicit ElfFile(const std::string &path) : in_(path, std::ios::binary) {
    if (!in_) throw std::runtime_error("cannot open '" + path + "'");
    in_.seekg(0, std::ios::end);
    size_ = static_cast<uint64_t>(in_.tellg());
  }
  uint64_t size() const { return size_; }
  void read(uint64_t at, void *out, uint64_t n, const char *what) {
    if (at > size_ || size_ - at < n) throw std::runtime_error(std::string("truncated ELF file (") + what + ")");
    in_.seekg(static_cast<std::streamoff>(at));
    in_.read(static_cast<char *>(out), static_cast<std::streamsize>(n));
    if (!in_) throw std::runtime_error(std::string("cannot read the ELF file (") + what + ")");
  }
  template <class T>
  T read(uint64_t at, const char *what) {
    T value;
    read(at, &value, sizeof value, what);
    return value;
  }

 private:
  std::ifstream in_;
  uint64_t size_ = 0;
};

// The same walk for 32- and 64-bit files: the Elf*_ types differ, the layout logic does not.
template <class Ehdr, class Shdr, class Sym>
std::vector<std::string> dynamic_symbols(ElfFile &file) {
  const auto header = file.read<Ehdr>(0, "header");
  if (header.e_shoff == 0 || header.e_shnum == 0)
    throw std::runtime_error("the ELF file has no section headers, so its .dynsym cannot be found");
  std::vector<std::string> names;
  for (uint64_t i = 0; i < header.e_shnum; ++i) {
    const auto section = file.read<Shdr>(header.e_shoff + i * header.e_shentsize, "section header");
    if (section.sh_type != SHT_DYNSYM) continue;
    if (section.sh_link >= header.e_shnum) throw std::runtime_error("corrupt .dynsym: bad string table index");
    const auto strings = file.read<Shdr>(header.e_shoff + uint64_t{section.sh_link} * header.e_shentsize, "string table");
    if (strings.sh_size > file.size()) throw std::runtime_error("truncated ELF file (string table)");
    std::string text(static_cast<std::size_t>(strings.sh_size), '\0');
    file.read(strings.sh_offset, text.data(), text.size(), "string table");
    const uint64_t entry = section.sh_entsize != 0 ? section.sh_entsize : sizeof(Sym);
    for (uint64_t k = 1; k < section.sh_size / entry; ++k) {  // entry 0 is the reserved null symbol
      const auto sym = file.read<Sym>(section.sh_offset + k * entry, "symbol");
      const unsigned binding = sym.st_info >> 4;  // ELF*_ST_BIND, the same for both classes
      const unsigned visibility = sym.st_other & 0x3;
      if (sym.st_shndx == SHN_UNDEF) continue;
      if (binding != STB_GLOBAL && binding != STB_WEAK && binding != STB_GNU_UNIQUE) continue;
      if (visibility != STV_DEFAULT && visibility != STV_PROTECTED) continue;
      if (sym.st_shndx == SHN_ABS && sym.st_size == 0 && sym.st_value == 0) continue;  // a version node
      if (sym.st_name >= text.size()) throw std::runtime_error("corrupt .dynsym: name outside its string table");
      names.emplace_back(text.c_str() + sym.st_name);  // NUL-terminated within text (or at its end)
    }
  }
  return names;
}

}  // namespace

std::vector<std::string> exported_symbols(const std::string &path) {
  ElfFile file(path);
  unsigned char ident[EI_NIDENT];
  if (file.size() < EI_NIDENT) throw std::runtime_error("not an ELF file");
  file.read(0, ident, EI_NIDENT, "identification");
  if (std::memcmp(ident, ELFMAG, SELFMAG) != 0) throw std::runtime_error("not an ELF file");
  const uint16_t probe = 1;
  unsigned char first_byte;
  std::memcpy(&first_byte, &probe, 1);
  if ((ident[EI_DATA] == ELFDATA2LSB) != (first_byte == 1))
    throw std::runtime_error("an ELF file of the other byte order: not for this machine");
  if (ident[EI_CLASS] == ELFCLASS64) return dynamic_symbols<Elf64_Ehdr, Elf64_Shdr, Elf64_Sym>(file);
  if (ident[EI_CLASS] == ELFCLASS32) return dynamic_symbols<Elf32_Ehdr, Elf32_Shdr, Elf32_Sym>(file);
  throw std::runtime_error("unknown ELF class");
}

}  // namespace vernier
