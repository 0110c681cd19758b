// The `command` objective: running a program per trial, passing parameters, reading its score.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "../support/error_of.hpp"
#include "objectives/command.hpp"

namespace bj = boost::json;

namespace {

const std::string kTests = VERNIER_SOURCE_DIR "/tests";
const std::string kFixtures = kTests + "/fixtures";

std::string fixture(const std::string &name) { return kFixtures + "/" + name; }

std::unique_ptr<vernier::Objective> command_objective(bj::object config, const std::string &base_dir = kFixtures) {
  return vernier::make_command_objective(config, base_dir);
}

vernier::Outcome run(const std::string &script, const bj::object &params = {}, int64_t trial = 0) {
  return command_objective({{"command", bj::array{fixture(script)}}})->evaluate(params, trial);
}

using vernier::testing::error_of;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("command: parameters as --name value arguments after the fixed ones", "[command]") {
  vernier::Outcome outcome = run("echo_score.sh", {{"x", 1.5}, {"k", 3}, {"cat", "B"}}, 5);
  INFO(outcome.message);
  CHECK(outcome.state == VN_TRIAL_COMPLETE);
  CHECK(outcome.value == 105.25);  // last non-empty line, surrounded by whitespace and blank lines
  CHECK(outcome.message.empty());

  // The command as one string, split on whitespace, with a fixed argument.
  auto objective = command_objective({{"command", fixture("echo_score.sh") + "  --k\t10 "}});
  CHECK(objective->evaluate({{"x", 2.0}}, 0).value == 14.0);
}

TEST_CASE("command: floats pass with 17 significant digits, ints as integers, categoricals as text", "[command]") {
  auto objective = command_objective({{"command", bj::array{fixture("echo_score.sh")}}});
  for (double v : {1.0 / 3.0, 0.1, -2.5e-300, 1e300, 123456789.123456789}) {
    vernier::Outcome outcome = objective->evaluate({{"raw", v}}, 0);
    INFO(outcome.message);
    CHECK(outcome.value == v);  // exact: the text read back is the same double
  }
  CHECK(objective->evaluate({{"raw", int64_t(12345678901234)}}, 0).value == 12345678901234.0);
  CHECK(objective->evaluate({{"raw", "+2.5"}}, 0).value == 2.5);

  vernier::Outcome nan = objective->evaluate({{"raw", "nan"}}, 0);
  CHECK(nan.state == VN_TRIAL_FAILED);
  CHECK(nan.message == "last line of output 'nan' is not a finite number");
  CHECK(std::isnan(nan.value));
  CHECK(objective->evaluate({{"raw", "-inf"}}, 0).message == "last line of output '-inf' is not a finite number");
  CHECK(objective->evaluate({{"raw", "1e999"}}, 0).state == VN_TRIAL_FAILED);
  CHECK(objective->evaluate({{"raw", "2.5abc"}}, 0).message == "last line of output '2.5abc' is not a number");
  CHECK(objective->evaluate({{"raw", "2.5 3"}}, 0).message == "last line of output '2.5 3' is not a number");
  // Messages show a short, printable excerpt of the line.
  CHECK(objective->evaluate({{"raw", "\xff"}}, 0).message == "last line of output '?' is not a number");
  vernier::Outcome long_line = objective->evaluate({{"raw", std::string(10000, '7') + "x"}}, 0);
  CHECK(long_line.message == "last line of output '" + std::string(80, '7') + "...' is not a number");
}

TEST_CASE("command: parameters as a JSON object on stdin", "[command]") {
  auto objective = command_objective({{"command", bj::array{fixture("json_stdin.py")}}, {"pass", "json"}});
  vernier::Outcome outcome = objective->evaluate({{"x", 1.5}, {"k", 3}, {"cat", "B"}}, 0);
  INFO(outcome.message);
  CHECK(outcome.state == VN_TRIAL_COMPLETE);
  CHECK(outcome.value == 105.25);
  CHECK(objective->evaluate({{"x", -0.5}, {"k", 1}, {"cat", "A"}}, 1).value == 1.25);
}

TEST_CASE("command: a large stdin the program never reads neither blocks nor kills us (SIGPIPE)", "[command]") {
  auto objective = command_objective({{"command", bj::array{fixture("trial_number.sh")}}, {"pass", "json"}});
  bj::object params{{"blob", std::string(4 << 20, 'x')}};
  auto start = std::chrono::steady_clock::now();
  vernier::Outcome outcome = objective->evaluate(params, 8);
  INFO(outcome.message);
  CHECK(outcome.state == VN_TRIAL_COMPLETE);
  CHECK(outcome.value == 8.0);
  CHECK(seconds_since(start) < 10.0);
}

TEST_CASE("command: VERNIER_TRIAL_NUMBER is the trial's number", "[command]") {
  ::setenv("VERNIER_TRIAL_NUMBER", "999", 1);  // ours must not leak through
  vernier::Outcome outcome = run("trial_number.sh", {}, 17);
  ::unsetenv("VERNIER_TRIAL_NUMBER");
  CHECK(outcome.state == VN_TRIAL_COMPLETE);
  CHECK(outcome.value == 17.0);
}

TEST_CASE("command: failures are failed outcomes with a clear message", "[command]") {
  vernier::Outcome exit3 = run("fail.sh");
  CHECK(exit3.state == VN_TRIAL_FAILED);
  CHECK(exit3.message == "exit status 3");
  CHECK(std::isnan(exit3.value));

  vernier::Outcome killed = run("crash.sh");
  CHECK(killed.state == VN_TRIAL_FAILED);
  CHECK(killed.message == "killed by signal 9 (SIGKILL)");

  vernier::Outcome garbage = run("garbage.sh");
  CHECK(garbage.state == VN_TRIAL_FAILED);
  CHECK(garbage.message == "last line of output 'abc' is not a number");

  vernier::Outcome silent = command_objective({{"command", "true"}})->evaluate({}, 0);
  CHECK(silent.state == VN_TRIAL_FAILED);
  CHECK_THAT(silent.message, Catch::StartsWith("no output"));
}

TEST_CASE("command: a timeout kills the whole process group promptly", "[command]") {
  auto objective = command_objective({{"command", bj::array{fixture("sleep.sh")}}, {"timeout", 1}});
  auto start = std::chrono::steady_clock::now();
  vernier::Outcome outcome = objective->evaluate({}, 0);
  double elapsed = seconds_since(start);
  CHECK(outcome.state == VN_TRIAL_FAILED);
  CHECK(outcome.message == "timed out after 1 s");
  CHECK(elapsed >= 0.9);
  CHECK(elapsed < 10.0);  // sleep.sh would take 30 s; its `sleep` child holds stdout open

  // A program that finishes in time is unaffected by the timeout.
  auto quick = command_objective({{"command", bj::array{fixture("echo_score.sh")}}, {"timeout", 30}});
  CHECK(quick->evaluate({{"x", 3.0}}, 0).value == 9.0);
}

TEST_CASE("command: what a program leaves running is killed when it exits", "[command]") {
  auto start = std::chrono::steady_clock::now();
  vernier::Outcome outcome = run("background.sh");
  CHECK(seconds_since(start) < 10.0);
  REQUIRE(outcome.state == VN_TRIAL_COMPLETE);
  auto leftover = static_cast<pid_t>(outcome.value);  // background.sh prints the pid of its `sleep 30 &`
#ifdef SYS_pidfd_open
  long fd = ::syscall(SYS_pidfd_open, leftover, 0);
  if (fd < 0) {
    CHECK(errno == ESRCH);  // already gone and reaped
  } else {
    pollfd p{static_cast<int>(fd), POLLIN, 0};
    CHECK(::poll(&p, 1, 5000) == 1);  // readable once the process has terminated
    ::close(static_cast<int>(fd));
  }
#endif
}

TEST_CASE("command: megabytes of output neither deadlock nor hide the score", "[command]") {
  vernier::Outcome outcome = run("big_output.sh");
  INFO(outcome.message);
  CHECK(outcome.state == VN_TRIAL_COMPLETE);
  CHECK(outcome.value == 2.5);
}

TEST_CASE("command: relative paths are resolved against the config's directory", "[command]") {
  SECTION("a relative program with a '/'") {
    auto objective = command_objective({{"command", bj::array{"fixtures/echo_score.sh"}}}, kTests);
    CHECK(objective->evaluate({{"x", 1.0}}, 0).value == 1.0);
    auto dotted = command_objective({{"command", "./echo_score.sh"}}, kFixtures);
    CHECK(dotted->evaluate({{"x", 2.0}}, 0).value == 4.0);
  }
  SECTION("the program runs in the config's directory by default") {
    auto objective = command_objective({{"command", bj::array{"cat", "score.txt"}}}, kFixtures);
    vernier::Outcome outcome = objective->evaluate({}, 0);
    INFO(outcome.message);
    CHECK(outcome.value == 42.5);
  }
  SECTION("a relative cwd") {
    auto objective = command_objective({{"command", bj::array{"cat", "score.txt"}}, {"cwd", "fixtures"}}, kTests);
    CHECK(objective->evaluate({}, 0).value == 42.5);
  }
  SECTION("an absolute cwd") {
    auto objective = command_objective({{"command", bj::array{"cat", "score.txt"}}, {"cwd", kFixtures}}, "/");
    CHECK(objective->evaluate({}, 0).value == 42.5);
  }
}

TEST_CASE("command: a missing or non-executable program is VN_E_NOT_FOUND naming it", "[command]") {
  auto in_path = error_of([] { command_objective({{"command", bj::array{"vernier_no_such_program"}}}); });
  CHECK(in_path.first == VN_E_NOT_FOUND);
  CHECK_THAT(in_path.second, Catch::StartsWith("objective program 'vernier_no_such_program' not found"));

  auto relative = error_of([] { command_objective({{"command", "./no_such_script.sh --x 1"}}); });
  CHECK(relative.first == VN_E_NOT_FOUND);
  CHECK_THAT(relative.second, Catch::StartsWith("objective program './no_such_script.sh' not found"));

  auto not_executable = error_of([] { command_objective({{"command", bj::array{"./score.txt"}}}); });
  CHECK(not_executable.first == VN_E_NOT_FOUND);
  CHECK_THAT(not_executable.second, Catch::Contains("'./score.txt' not found") && Catch::Contains("not an executable"));

  auto directory = error_of([] { command_objective({{"command", bj::array{kTests}}}); });
  CHECK(directory.first == VN_E_NOT_FOUND);

  auto cwd = error_of([] { command_objective({{"command", "true"}, {"cwd", "no_such_dir"}}); });
  CHECK(cwd.first == VN_E_NOT_FOUND);
  CHECK_THAT(cwd.second, Catch::Contains("no_such_dir"));
}

TEST_CASE("command: a malformed config is VN_E_INVALID naming the key", "[command]") {
  struct Case {
    const char *config;
    const char *key;
  };
  const Case cases[] = {
      {R"({})", "objective.command"},
      {R"({"command": 5})", "objective.command"},
      {R"({"command": []})", "objective.command"},
      {R"({"command": "   "})", "objective.command"},
      {R"({"command": ["true", 1]})", "objective.command"},
      {R"({"command": "true", "pass": "xml"})", "objective.pass"},
      {R"({"command": "true", "pass": 1})", "objective.pass"},
      {R"({"command": "true", "timeout": -1})", "objective.timeout"},
      {R"({"command": "true", "timeout": "10"})", "objective.timeout"},
      {R"({"command": "true", "cwd": 3})", "objective.cwd"},
  };
  for (const Case &c : cases) {
    INFO(c.config);
    auto [status, message] = error_of([&] { command_objective(bj::parse(c.config).as_object()); });
    CHECK(status == VN_E_INVALID);
    CHECK_THAT(message, Catch::StartsWith(c.key));
  }
  // Numbers of either JSON kind are fine for the timeout.
  CHECK_NOTHROW(command_objective({{"command", "true"}, {"timeout", 2.5}, {"pass", "args"}}));
}

TEST_CASE("command: concurrent evaluations are independent", "[command]") {
  auto objective = command_objective({{"command", bj::array{fixture("echo_score.sh")}}});
  std::vector<double> values(6, 0.0);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < values.size(); ++i)
    threads.emplace_back([&, i] { values[i] = objective->evaluate({{"x", double(i)}, {"k", 1}}, int64_t(i)).value; });
  for (std::thread &t : threads) t.join();
  for (std::size_t i = 0; i < values.size(); ++i) CHECK(values[i] == double(i * i + 1));
}

TEST_CASE("command: no child process is left behind", "[command]") {
  run("fail.sh");
  run("crash.sh");
  command_objective({{"command", bj::array{fixture("sleep.sh")}}, {"timeout", 0.2}})->evaluate({}, 0);
  errno = 0;
  CHECK(::waitpid(-1, nullptr, WNOHANG) == -1);
  CHECK(errno == ECHILD);
}
