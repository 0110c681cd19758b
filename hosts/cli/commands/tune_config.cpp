#include "commands/tune_config.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "cli_error.hpp"
#include "exact_json.hpp"

namespace vernier_cli {

namespace bj = boost::json;
namespace fs = std::filesystem;

namespace {

// --storage beats the config's "storage"; without either, the journal goes in the working directory.
void set_storage(bj::object &config, const std::optional<std::string> &storage) {
  std::error_code ec;
  if (storage) {
    std::string path = *storage == ":memory:" ? *storage : fs::absolute(*storage, ec).string();
    if (!storage->empty() && storage->back() == '/' && path.back() != '/') path += '/';
    bj::value *current = config.if_contains("storage");
    if (current != nullptr && current->is_object()) current->get_object()["path"] = path;  // keep its lock settings
    else config["storage"] = path;
  } else if (!config.contains("storage")) {
    config["storage"] = fs::current_path(ec).string() + "/";  // a directory: "<study name>.journal" in it
  }
}

}  // namespace

std::string read_config_file(const std::string &path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw CliError("cannot read config file '" + path + "': it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CliError("cannot read config file '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw CliError("cannot read config file '" + path + "': read error");
  return text.str();
}

std::string prepare_config(const std::string &text, const std::string &config_path, std::optional<uint64_t> seed,
                           const std::optional<std::string> &storage) {
  boost::system::error_code ec;
  bj::value parsed = parse_exact_json(text, ec, /*refuse_duplicate_keys=*/true);
  // Not JSON, a repeated key, not an object: the core parses it again and reports the problem, with
  // line and column.
  if (ec || !parsed.is_object()) return text;
  bj::object &config = parsed.get_object();

  std::error_code fec;
  fs::path dir = fs::absolute(config_path, fec).parent_path();
  bj::value *base_dir = config.if_contains("base_dir");
  if (base_dir == nullptr || base_dir->is_null()) {
    config["base_dir"] = dir.string();
  } else if (base_dir->is_string() && fs::path(std::string(base_dir->get_string())).is_relative()) {
    config["base_dir"] = (dir / std::string(base_dir->get_string())).lexically_normal().string();
  }

  if (seed) {
    bj::value *sampler = config.if_contains("sampler");
    if (sampler == nullptr || sampler->is_null()) {
      config["sampler"] = bj::object{{"seed", *seed}};  // the core's default plugin, with our seed
    } else if (sampler->is_string()) {
      *sampler = bj::object{{"plugin", sampler->get_string()}, {"seed", *seed}};
    } else if (sampler->is_object()) {
      sampler->get_object()["seed"] = *seed;
    }  // anything else is wrong; left for the core to report
  }
  set_storage(config, storage);
  return bj::serialize(parsed);
}

}  // namespace vernier_cli
