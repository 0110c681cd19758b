// Reading a study config file for `vernier tune` and applying the command line's overrides.
#ifndef VERNIER_CLI_TUNE_CONFIG_HPP
#define VERNIER_CLI_TUNE_CONFIG_HPP

#include <cstdint>
#include <optional>
#include <string>

namespace vernier_cli {

// The file's text; throws CliError naming the file when it cannot be read.
std::string read_config_file(const std::string &path);

// The config text to give vernier::Study (vn_study_create):
//  - "base_dir" set to the config file's directory (absolute) unless the config sets one, so that a
//    command objective's relative paths mean "next to the config", whatever our working directory;
//    a relative base_dir in the file is taken relative to the file too;
//  - with `seed`, the sampler's seed replaced ("sampler" may be a plugin name or an object);
//  - "storage": `storage` (--storage) when given, made absolute from the working directory; else the
//    config's own; else the working directory, where the journal is then "<study name>.journal".
// Text that is not a JSON object is returned untouched: the core then reports the problem itself,
// with line and column, so that every host gets the same message.
std::string prepare_config(const std::string &text, const std::string &config_path, std::optional<uint64_t> seed,
                           const std::optional<std::string> &storage = std::nullopt);

}  // namespace vernier_cli

#endif  // VERNIER_CLI_TUNE_CONFIG_HPP
