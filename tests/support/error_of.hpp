// The status and message of the vernier::Error a call throws, for tests that assert on both.
#ifndef VERNIER_TESTS_SUPPORT_ERROR_OF_HPP
#define VERNIER_TESTS_SUPPORT_ERROR_OF_HPP

#include <string>
#include <utility>

#include <catch2/catch.hpp>

#include "base/error.hpp"

namespace vernier::testing {

// Runs f and returns the status and message of the vernier::Error it throws; fails the test when it
// throws nothing.
template <class F>
std::pair<vn_status, std::string> error_of(F &&f) {
  try {
    f();
  } catch (const vernier::Error &e) {
    return {e.status(), e.what()};
  }
  FAIL("no vernier::Error thrown");
  return {VN_OK, ""};
}

}  // namespace vernier::testing

#endif  // VERNIER_TESTS_SUPPORT_ERROR_OF_HPP
