// Fuzz target: the ELF dynamic-symbol reader of `vernier check` (core/plugin_host/elf_symbols.cpp),
// which reads a plugin library's exports without loading it, so a truncated or hostile file must give an
// error, never a crash. Its errors are std::runtime_error by contract (elf_symbols.hpp); the input
// bytes are handed to it as an in-memory file.
#include <sys/mman.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

#include "plugin_host/elf_symbols.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const int fd = ::memfd_create("fuzz.so", 0);
  if (fd < 0) vernier::fuzz::finding("memfd_create failed");
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
    vernier::fuzz::finding("cannot write the in-memory file");
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    for (const std::string &name : vernier::exported_symbols(path))
      if (name.size() > size) vernier::fuzz::finding("a symbol name longer than the file");
  } catch (const std::runtime_error &) {
    // the documented answer to a file that is not a readable ELF library
  } catch (const std::exception &e) {
    vernier::fuzz::finding(std::string("exported_symbols threw something other than std::runtime_error: ") + e.what());
  }
  return 0;
}
