#include "plugin_host/plugin_trust.hpp"

#include <dlfcn.h>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "base/error.hpp"

namespace vernier {

namespace {

// "user 'nobody' (uid 65534)", or "uid 65534" when the account has no name.
std::string user_text(uid_t uid) {
  std::vector<char> buffer(4096);
  passwd entry{};
  passwd *found = nullptr;
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr)
    return "user '" + std::string(found->pw_name) + "' (uid " + std::to_string(uid) + ")";
  return "uid " + std::to_string(uid);
}

std::string mode_text(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// Why one resolved path (file or directory) is unsafe by itself, or "".
std::string own_problem(const std::string &path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "'" + path + "' cannot be inspected: " + std::strerror(errno);
  const uid_t me = ::geteuid();
  if (st.st_uid != 0 && st.st_uid != me)
    return "'" + path + "' is owned by " + user_text(st.st_uid) + ", who is neither root nor you (" + user_text(me) +
           "), so that user can replace what is loaded";
  if ((st.st_mode & S_IWOTH) != 0)
    return "'" + path + "' is writable by others (mode " + mode_text(st.st_mode) + ")" +
           ((st.st_mode & S_ISVTX) != 0 && S_ISDIR(st.st_mode) ? ", like /tmp: anyone can create a file in it" : "");
  if ((st.st_mode & S_IWGRP) != 0)
    return "'" + path + "' is writable by its group (mode " + mode_text(st.st_mode) + ")";
  return "";
}

}  // namespace

std::string path_entry_problem(const std::string &entry) {
  if (entry.empty())
    return "an empty plugin path entry is refused: the dynamic loader reads it as the working directory, "
           "whose contents change with wherever Vernier is started";
  if (entry[0] != '/')
    return "the relative plugin path entry '" + entry + "' is refused: it names a different directory "
           "depending on where Vernier is started; name the directory by its absolute path";
  return "";
}

std::string resolved_path(const std::string &path) {
  std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr), &std::free);
  if (real == nullptr) throw Error(VN_E_IO, "cannot resolve '" + path + "': " + std::strerror(errno));
  return real.get();
}

namespace {

// The resolved directory of the code running this check (libvernier.so, or an executable that links the
// core statically), or "" when it cannot be told.
std::string own_code_directory() {
  static const std::string dir = [] {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<const void *>(&own_code_directory), &info) == 0 || info.dli_fname == nullptr) return std::string();
    std::unique_ptr<char, decltype(&std::free)> real(::realpath(info.dli_fname, nullptr), &std::free);
    if (real == nullptr) return std::string();
    std::string path = real.get();
    const std::size_t slash = path.find_last_of('/');
    return slash == 0 ? std::string("/") : path.substr(0, slash);
  }();
  return dir;
}

// Whether `dir` is `of` or a directory above it.
bool is_at_or_above(const std::string &dir, const std::string &of) {
  if (dir == "/") return !of.empty();
  return of.compare(0, dir.size(), dir) == 0 && (of.size() == dir.size() || of[dir.size()] == '/');
}

}  // namespace

std::string untrusted_reason(const std::string &real) {
  // From the path itself up to "/": each ancestor could swap a component below it. A directory that also
  // holds Vernier's own code (libvernier's directory and those above it) is not held to a stricter rule
  // than that code: whoever can change it can already replace libvernier itself, so refusing plugins for
  // it protects nothing (and a build tree checked out under /tmp would load none).
  const std::string code = own_code_directory();
  std::string path = real;
  while (true) {
    if (is_at_or_above(path, code)) return "";
    if (std::string problem = own_problem(path); !problem.empty()) return problem;
    if (path == "/") return "";
    const std::size_t slash = path.find_last_of('/');
    path = slash == 0 ? "/" : path.substr(0, slash);
  }
}

}  // namespace vernier
