// What the cv tests share: a registry with the bundled plugins and the test-only "centroid" model, CSV
// files written to a temporary directory, studies made from a config text, and the centroid model's
// record of every call.
#ifndef VERNIER_TESTS_CV_FIXTURE_HPP
#define VERNIER_TESTS_CV_FIXTURE_HPP

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "plugin_host/registry.hpp"
#include "storage/storage.hpp"
#include "study/study.hpp"

namespace cv_test {

namespace bj = boost::json;
namespace fs = std::filesystem;

inline const vernier::Registry &registry() {
  static vernier::Registry r([] {
    vernier::RegistryOptions o;
    o.default_paths = false;
    o.plugin_path = {VERNIER_PLUGIN_BUILD_DIR, VERNIER_TEST_CV_PLUGIN_DIR};
    return o;
  }());
  return r;
}

// A fresh temporary directory per test, removed at the end.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() / ("vernier-cv-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string &name) const { return (path_ / name).string(); }
  std::string write(const std::string &name, const std::string &text) const {
    std::ofstream(file(name)) << text;
    return file(name);
  }

 private:
  fs::path path_;
};

// n rows "id,a,b,y": id = row number, two informative features, a binary (or 3-class) target.
inline std::string classification_csv(int n, int classes = 2) {
  std::string s = "id,a,b,y\n";
  for (int i = 0; i < n; ++i) {
    const int y = (i * 7 + i / 3) % classes;
    const double a = y * 2.0 + std::sin(i * 1.7), b = -y + std::cos(i * 0.9);
    s += std::to_string(i) + "," + std::to_string(a) + "," + std::to_string(b) + "," + std::to_string(y) + "\n";
  }
  return s;
}

inline std::unique_ptr<vernier::Study> make_study(const std::string &config_text) {
  return std::make_unique<vernier::Study>(registry(), vernier::StudyConfig::parse(bj::parse(config_text).as_object()),
                                          vernier::make_memory_storage());
}

// The error message of creating a study from the config text, or "(no error)".
inline std::string creation_error(const std::string &config_text) {
  try {
    make_study(config_text);
  } catch (const std::exception &e) {
    return e.what();
  }
  return "(no error)";
}

struct Call {
  std::string call;
  std::vector<double> view_ids, row_ids, fit_mean, fit_sd;
  std::vector<double> view_targets;  // NaN where the view's target is not a finite number; empty for a split
};

inline std::vector<Call> read_record(const std::string &path) {
  std::vector<Call> calls;
  std::ifstream in(path);
  std::string line;
  auto numbers = [](const bj::value &v) {
    std::vector<double> out;
    for (const bj::value &x : v.as_array()) out.push_back(x.is_null() ? NAN : x.to_number<double>());
    return out;
  };
  while (std::getline(in, line)) {
    const bj::object o = bj::parse(line).as_object();
    calls.push_back(Call{std::string(o.at("call").as_string()), numbers(o.at("view_ids")), numbers(o.at("row_ids")),
                         numbers(o.at("fit_mean")), numbers(o.at("fit_sd")),
                         o.contains("view_targets") ? numbers(o.at("view_targets")) : std::vector<double>{}});
  }
  return calls;
}

}  // namespace cv_test

#endif  // VERNIER_TESTS_CV_FIXTURE_HPP
