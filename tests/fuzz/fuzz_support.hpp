// What the fuzz targets share: libFuzzer's entry point, and what counts as a finding.
//
// Bad input must get a clear error (RULES: "a clear one-line error naming the problem"): in the core that
// is a vernier::Error (sdk::Error) with a message. A crash, a sanitizer report, or any other exception
// escaping the parser (std::out_of_range from an .at(), boost::system::system_error from as_object(),
// std::bad_alloc from a size read from the input) is a finding: the target aborts, so libFuzzer keeps the
// input and the corpus replay test fails on it.
#ifndef VERNIER_TESTS_FUZZ_FUZZ_SUPPORT_HPP
#define VERNIER_TESTS_FUZZ_FUZZ_SUPPORT_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

#include "base/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace vernier::fuzz {

inline std::string_view as_text(const uint8_t *data, size_t size) {
  return {reinterpret_cast<const char *>(data), size};
}

// A property the code under test broke without crashing: report it and abort.
[[noreturn]] inline void finding(const std::string &what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

// Runs body(); a vernier::Error with a message is the expected answer to bad input, anything else
// thrown is a finding. Returns whether body() finished without an exception.
template <class Body>
bool clean_errors(Body &&body) {
  try {
    body();
    return true;
  } catch (const vernier::Error &e) {
    if (e.what()[0] == '\0') finding("a vernier::Error without a message");
    // For checking what a seed exercises: VERNIER_FUZZ_VERBOSE=1 build/bin/fuzz_replay_<target> FILE
    static const bool verbose = std::getenv("VERNIER_FUZZ_VERBOSE") != nullptr;
    if (verbose) std::fprintf(stderr, "  refused: %s\n", e.what());
  } catch (const std::exception &e) {
    finding(std::string("an exception that is not a vernier::Error escaped (") + typeid(e).name() + "): " + e.what());
  }
  return false;
}

}  // namespace vernier::fuzz

#endif  // VERNIER_TESTS_FUZZ_FUZZ_SUPPORT_HPP
