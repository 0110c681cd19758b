// The objective `command`: each trial runs an external program (any language, no Vernier library
// needed) and reads its score from the last line of its standard output.
//
// Study config:
//   "objective": {"command": ["python3", "train.py", "--fixed", "1"],  // or "python3 train.py --fixed 1",
//                                                                      //  split on whitespace, no quoting
//                 "pass": "args",     // "args" (default): append --name value for each parameter;
//                                     // "json": write {"name": value, ...} to the program's stdin
//                 "timeout": 600,     // seconds, 0 or absent: no limit
//                 "cwd": "runs"}      // the program's working directory (optional)
//
// Paths: a program containing '/' that is relative, and a relative cwd, are resolved against base_dir
// (the directory of the config file). A program without '/' is searched in PATH once, at construction.
// The program runs in cwd if given, otherwise in base_dir (otherwise in ours when base_dir is empty),
// so a config next to its script works from any directory.
//
// Each trial: the program is started directly (no shell) in a process group of its own, with
// VERNIER_TRIAL_NUMBER in its environment. In "args" mode its stdin is /dev/null. Its stderr is ours.
// Floats are passed with 17 significant digits (they read back to the same double), ints as integers,
// and categoricals as their choice. The trial is COMPLETE when the program exits with status 0 and the
// last non-empty line of its stdout, without surrounding whitespace, is a finite number in full (the
// value in the study's direction). Otherwise the trial FAILED, with a message such as "exit status 3",
// "killed by signal 11 (SIGSEGV)", "timed out after 2 s" or "last line of output 'abc' is not a
// number". At timeout the whole process group is killed (SIGKILL). When the program exits, anything
// it left running in its group is killed too, so no trial outlives its evaluation.
#ifndef VERNIER_CORE_OBJECTIVES_COMMAND_HPP
#define VERNIER_CORE_OBJECTIVES_COMMAND_HPP

#include <memory>
#include <string>

#include <boost/json.hpp>

#include "objectives/objective.hpp"

namespace vernier {

// Validates the config and finds the program. Throws VN_E_INVALID naming the key of a missing or
// mistyped field ("objective.timeout: ..."), and VN_E_NOT_FOUND when the program does not exist or is
// not executable ("objective program 'train.sh' not found: ...") or cwd is not a directory. Unknown keys
// are ignored. evaluate() may be called from several threads at once: each call runs its own process.
std::unique_ptr<Objective> make_command_objective(const boost::json::object &objective_config,
                                                  const std::string &base_dir);

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_COMMAND_HPP
