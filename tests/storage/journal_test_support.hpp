// Shared by the journal tests: a temporary directory, the build tree's plugins, studies over a journal.
#ifndef VERNIER_TESTS_JOURNAL_SUPPORT_HPP
#define VERNIER_TESTS_JOURNAL_SUPPORT_HPP

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "base/json.hpp"
#include "plugin_host/registry.hpp"
#include "study/open_study.hpp"
#include "study/study.hpp"
#include "../build_plugins.hpp"
#include "../support/temp_dir.hpp"

namespace journal_test {

// A temporary directory named after this suite.
struct TempDir : vernier::testing::TempDir {
  TempDir() : vernier::testing::TempDir("vernier-journal") {}
};

inline const vernier::Registry &plugins() {
  static vernier::Registry registry([] {
    vernier::RegistryOptions o = vernier::testing::build_plugin_options();
    o.log_level = 3;  // the tests check warnings through the logger, not stderr
    return o;
  }());
  return registry;
}

// A config for a small mixed space; `extra` adds keys ("\"direction\": \"maximize\", ...").
inline std::string config_text(const std::string &journal, const std::string &extra = "") {
  return R"({"name": "mixed", "sampler": {"plugin": "random", "seed": 5}, "storage": ")" + journal + R"(",
    "space": [{"name": "lr", "type": "float", "low": 1e-4, "high": 1, "log": true},
              {"name": "width", "type": "float", "low": 0, "high": 1, "step": 0.25},
              {"name": "depth", "type": "int", "low": 1, "high": 8},
              {"name": "kind", "type": "categorical", "choices": ["a", "b"]},
              {"name": "extra", "type": "int", "low": 2, "high": 10, "step": 2, "condition": {"parent": "kind", "values": ["b"]}}])" +
         (extra.empty() ? "" : ", " + extra) + "}";
}

struct Opened {
  std::vector<std::string> warnings;
  std::unique_ptr<vernier::Study> study;
};

// A study over the storage its config names; warnings are collected instead of printed.
inline std::unique_ptr<Opened> open(const std::string &text) {
  auto opened = std::make_unique<Opened>();
  vernier::StudyConfig config = vernier::StudyConfig::parse(vernier::json::parse_object(text, "test config"));
  std::vector<std::string> *sink = &opened->warnings;
  opened->study = vernier::open_study(plugins(), std::move(config), [sink](int32_t, const std::string &m) { sink->push_back(m); });
  return opened;
}

inline std::string read_all(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void append_text(const std::string &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out << text;
}

}  // namespace journal_test

#endif  // VERNIER_TESTS_JOURNAL_SUPPORT_HPP
