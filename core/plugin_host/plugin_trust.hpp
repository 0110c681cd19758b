// Whether a plugin directory or library may be trusted, by the rules trusted loaders use (OpenSSH's
// safe_path, sudo's sudoers check, the Vulkan loader's and ld.so's secure mode): code is loaded only from
// a file that nobody but root and the user running Vernier can change. That means the file, its directory
// and every directory above it up to / are owned by root or by that user and writable by neither group
// nor others, checked on the resolved path (symlinks followed first: what the loader maps is what counts).
// A sticky world-writable directory such as /tmp is writable by others: anyone can create a name in it.
//
// One exception: a directory that also holds Vernier's own code (libvernier's directory, or the
// executable's for a static core, and every directory above it) is not checked, since whoever can change
// it can already replace that code; the plugin directories and files below it still are.
//
// Group-writable is refused too: whether the group's other members can be trusted is not something a
// loader can know (a user-private group would be harmless, a shared "users" group is not).
#ifndef VERNIER_CORE_PLUGIN_HOST_PLUGIN_TRUST_HPP
#define VERNIER_CORE_PLUGIN_HOST_PLUGIN_TRUST_HPP

#include <string>

namespace vernier {

// Why a search path entry cannot name a directory at all: "" for an absolute path, else the refusal
// (an empty entry, or a relative one such as "." whose meaning changes with the working directory).
std::string path_entry_problem(const std::string &entry);

// The path with every symlink resolved (realpath); throws an Error naming the path when that fails.
std::string resolved_path(const std::string &path);

// Why the resolved path `real` (a directory, or a library file) cannot be trusted, or "" when it can:
// "'/tmp' is writable by others (mode 1777)", "'/srv/p' is owned by uid 1001 (nobody we trust: root or
// uid 0)". Every directory above it is checked too.
std::string untrusted_reason(const std::string &real);

}  // namespace vernier

#endif  // VERNIER_CORE_PLUGIN_HOST_PLUGIN_TRUST_HPP
