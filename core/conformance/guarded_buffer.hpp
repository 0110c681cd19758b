// Output buffers for the conformance probes that catch any write outside them (VN-ABI-6: a plugin writes
// only the caller-allocated cells it is given). The buffer is mmap'ed so that its last byte abuts an
// inaccessible (PROT_NONE) page, with another such page before it; the slack between the leading page and
// the first cell holds a fill pattern. A write past the end, however far, faults on the trailing page; a
// write before the start lands in the slack (seen by the pattern) or faults on the leading page.
//
// In a process that called install_guard_page_handler() (the conformance child, core/conformance/
// isolation.hpp) a fault on a guard page is recorded against its buffer and the page made accessible, so
// the plugin runs on and the probe reports the overrun as a failed <kind>.buffers check. Elsewhere such a
// fault is an ordinary SIGSEGV.
#ifndef VERNIER_CORE_CONFORMANCE_GUARDED_BUFFER_HPP
#define VERNIER_CORE_CONFORMANCE_GUARDED_BUFFER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vernier::conformance {

// Installs the SIGSEGV/SIGBUS handler that turns a fault on a live guard page into a recorded overrun.
// Other faults go to the handler that was there before (the default, or a sanitizer's). Once per process.
void install_guard_page_handler();

class GuardedBytes {
 public:
  // `size` bytes, each set to `fill`. Throws std::bad_alloc when the pages cannot be mapped.
  GuardedBytes(std::size_t size, uint8_t fill);
  ~GuardedBytes();
  GuardedBytes(const GuardedBytes &) = delete;
  GuardedBytes &operator=(const GuardedBytes &) = delete;

  uint8_t *data() { return data_; }
  const uint8_t *data() const { return data_; }
  std::size_t size() const { return size_; }
  // "" while every access stayed inside; else which side was touched: "past the end", "before the
  // start", or both.
  std::string violation() const;

 private:
  uint8_t *map_ = nullptr;  // the whole mapping: leading guard page, data pages, trailing guard page
  std::size_t map_size_ = 0;
  uint8_t *data_ = nullptr;
  std::size_t size_ = 0;
  int slots_[2] = {-1, -1};  // the guard pages' entries in the fault handler's table (-1: not registered)
};

// `count` values of T (double, uint8_t) filled with `fill`, guarded as above.
template <class T>
class GuardedBuffer {
 public:
  GuardedBuffer(std::size_t count, T fill) : bytes_(count * sizeof(T), 0) {
    for (std::size_t i = 0; i < count; ++i) data()[i] = fill;
  }
  T *data() { return reinterpret_cast<T *>(bytes_.data()); }
  std::size_t size() const { return bytes_.size() / sizeof(T); }
  std::vector<T> values() const {
    const T *begin = reinterpret_cast<const T *>(bytes_.data());
    return std::vector<T>(begin, begin + size());
  }
  std::string violation() const { return bytes_.violation(); }

 private:
  GuardedBytes bytes_;
};

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_GUARDED_BUFFER_HPP
