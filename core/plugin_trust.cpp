#include "plugin_trust.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "error.hpp"

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

std::string untrusted_reason(const std::string &real) {
  // From the path itself up to "/": each ancestor could swap a component below it.
  std::string path = real;
  while (true) {
    if (std::string problem = own_problem(path); !problem.empty()) return problem;
    if (path == "/") return "";
    const std::size_t slash = path.find_last_of('/');
    path = slash == 0 ? "/" : path.substr(0, slash);
  }
}

}  // namespace vernier
