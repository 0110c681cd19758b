#include "conformance/guarded_buffer.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <new>

namespace vernier::conformance {

namespace {

constexpr uint8_t kSlackPattern = 0xa5;

// The guard pages the fault handler knows, read by the handler without locks: a slot is claimed with
// `used`, then `end` and `begin` are published (begin last, so a non-zero begin means a whole entry).
struct GuardSlot {
  std::atomic<bool> used{false};
  std::atomic<uintptr_t> begin{0};
  std::atomic<uintptr_t> end{0};
  std::atomic<bool> touched{false};
};
constexpr int kSlots = 512;  // two per live buffer; the suites' threads hold a handful each
GuardSlot g_slots[kSlots];
static_assert(std::atomic<uintptr_t>::is_always_lock_free && std::atomic<bool>::is_always_lock_free,
              "the fault handler reads the table without locks");

struct sigaction g_previous_segv, g_previous_bus;

int claim_slot(uint8_t *page, std::size_t size) {
  for (int i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (!g_slots[i].used.compare_exchange_strong(expected, true)) continue;
    g_slots[i].touched.store(false);
    g_slots[i].end.store(reinterpret_cast<uintptr_t>(page + size));
    g_slots[i].begin.store(reinterpret_cast<uintptr_t>(page));
    return i;
  }
  return -1;  // the table is full: the page still guards, a fault on it is then an ordinary SIGSEGV
}

void release_slot(int i) {
  if (i < 0) return;
  g_slots[i].begin.store(0);
  g_slots[i].end.store(0);
  g_slots[i].used.store(false);
}

// A fault on a live guard page: note it and open the page, so the faulting access repeats and succeeds.
// Any other fault: put back the handler that was there before and return, so that the access repeats and
// meets it (the default action kills the process with the signal; a sanitizer prints its report).
void on_fault(int signal, siginfo_t *info, void *) {
  const auto address = reinterpret_cast<uintptr_t>(info->si_addr);
  for (GuardSlot &slot : g_slots) {
    const uintptr_t begin = slot.begin.load();
    if (begin == 0 || address < begin || address >= slot.end.load()) continue;
    slot.touched.store(true);
    if (::mprotect(reinterpret_cast<void *>(begin), slot.end.load() - begin, PROT_READ | PROT_WRITE) == 0) return;
    break;
  }
  ::sigaction(signal, signal == SIGSEGV ? &g_previous_segv : &g_previous_bus, nullptr);
}

std::size_t page_size() {
  static const std::size_t size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return size;
}

}  // namespace

void install_guard_page_handler() {
  static std::atomic<bool> installed{false};
  if (installed.exchange(true)) return;
  struct sigaction action {};
  action.sa_sigaction = &on_fault;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGSEGV, &action, &g_previous_segv);
  ::sigaction(SIGBUS, &action, &g_previous_bus);
}

GuardedBytes::GuardedBytes(std::size_t size, uint8_t fill) : size_(size) {
  const std::size_t page = page_size();
  const std::size_t data_pages = (size + page - 1) / page;
  map_size_ = (data_pages + 2) * page;
  void *map = ::mmap(nullptr, map_size_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED) throw std::bad_alloc();
  map_ = static_cast<uint8_t *>(map);
  uint8_t *first_data_page = map_ + page;
  if (data_pages > 0 && ::mprotect(first_data_page, data_pages * page, PROT_READ | PROT_WRITE) != 0) {
    ::munmap(map_, map_size_);
    throw std::bad_alloc();
  }
  // The last byte abuts the trailing guard page; the slack before the first byte holds the pattern.
  data_ = first_data_page + data_pages * page - size;
  std::memset(first_data_page, kSlackPattern, static_cast<std::size_t>(data_ - first_data_page));
  std::memset(data_, fill, size);
  slots_[0] = claim_slot(map_, page);
  slots_[1] = claim_slot(first_data_page + data_pages * page, page);
}

GuardedBytes::~GuardedBytes() {
  release_slot(slots_[0]);
  release_slot(slots_[1]);
  ::munmap(map_, map_size_);
}

std::string GuardedBytes::violation() const {
  const uint8_t *first_data_page = map_ + page_size();
  bool before = slots_[0] >= 0 && g_slots[slots_[0]].touched.load();
  for (const uint8_t *p = first_data_page; p < data_ && !before; ++p) before = *p != kSlackPattern;
  const bool after = slots_[1] >= 0 && g_slots[slots_[1]].touched.load();
  if (before && after) return "before the start and past the end";
  return before ? "before the start" : after ? "past the end" : "";
}

}  // namespace vernier::conformance
