// A fresh temporary directory (mkdtemp, so parallel tests never share one) that is removed with everything
// in it when the test ends. Shared by the test suites that write journals and files.
#ifndef VERNIER_TESTS_SUPPORT_TEMP_DIR_HPP
#define VERNIER_TESTS_SUPPORT_TEMP_DIR_HPP

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace vernier::testing {

struct TempDir {
  std::filesystem::path path;
  // `prefix` names the suite in the directory's name, so that one left behind by a crash says whose it is.
  explicit TempDir(const std::string &prefix = "vernier-test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  std::string file(const std::string &name) const { return (path / name).string(); }
};

}  // namespace vernier::testing

#endif  // VERNIER_TESTS_SUPPORT_TEMP_DIR_HPP
