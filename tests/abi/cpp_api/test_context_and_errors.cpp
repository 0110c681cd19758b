// vernier.hpp: the library functions, the Context, vernier::Error, and handles that move but never copy
// (a moved-from handle refuses to be used, naming itself).
#include <type_traits>

#include "cpp_api_support.hpp"

using namespace cpp_api_test;

static_assert(std::is_base_of_v<std::runtime_error, vernier::Error>);
static_assert(std::is_same_v<vernier::Exception, vernier::Error>, "ABI 1.0's name stays");
static_assert(!std::is_copy_constructible_v<vernier::Context> && !std::is_copy_assignable_v<vernier::Context>);
static_assert(!std::is_copy_constructible_v<vernier::Study> && !std::is_copy_assignable_v<vernier::Study>);
static_assert(!std::is_copy_constructible_v<vernier::Trial> && !std::is_copy_assignable_v<vernier::Trial>);
static_assert(std::is_nothrow_move_constructible_v<vernier::Context> && std::is_nothrow_move_assignable_v<vernier::Context>);
static_assert(std::is_nothrow_move_constructible_v<vernier::Study> && std::is_nothrow_move_assignable_v<vernier::Study>);
static_assert(std::is_nothrow_move_constructible_v<vernier::Trial> && std::is_nothrow_move_assignable_v<vernier::Trial>);

TEST_CASE("version is the library's", "[cpp_api]") {
  REQUIRE(std::string(vernier::version()) == vn_version());
  CHECK(std::string(vernier::version()).find('.') != std::string::npos);
}

TEST_CASE("Error carries a status and a message", "[cpp_api]") {
  vernier::Error given(VN_E_IO, "disk on fire");
  CHECK(given.status() == VN_E_IO);
  CHECK(std::string(given.what()) == "disk on fire");

  // Error(status) takes vn_last_error(): the message of the failure that just happened.
  vn_context *raw = nullptr;
  REQUIRE(vn_context_new("{not json", &raw) == VN_E_INVALID);
  vernier::Error last(VN_E_INVALID);
  CHECK(std::string(last.what()) == vn_last_error());
  CHECK(std::string(last.what()).find("line 1") != std::string::npos);
}

TEST_CASE("Context: discovery, plugins, loading and checking a library", "[cpp_api]") {
  vernier::Context context(kContextOptions);  // the std::string overload
  REQUIRE(context);
  REQUIRE(context.get() != nullptr);
  std::string report = context.plugins_json();
  CHECK(has(report, R"("name":"random")"));
  CHECK(has(report, R"("skipped":[)"));

  context.load_plugin(plugin_file("grid"));
  CHECK(has(context.plugins_json(), R"("name":"grid")"));

  std::string check = context.check_plugin(plugin_file("random"));
  CHECK(has(check, R"("passed":true)"));
  CHECK(has(check, R"("components":[)"));
}

TEST_CASE("Context: failures throw Error with the C API's status and message", "[cpp_api]") {
  expect_c_error([] { vernier::Context bad("{\"plugin_path\": 3"); }, VN_E_INVALID, "line 1");
  expect_c_error([] { vernier::Context bad(std::string(R"({"plugin_path": ["/no/such/vernier-dir"]})")); },
                 VN_E_NOT_FOUND, "/no/such/vernier-dir");

  vernier::Context context(kContextOptions.c_str());  // the const char * overload
  expect_c_error([&] { context.load_plugin("/no/such/plugin.so"); }, VN_E_NOT_FOUND, "/no/such/plugin.so");
}

TEST_CASE("Handles move, and a moved-from one says so when used", "[cpp_api]") {
  vernier::Context first(kContextOptions);
  vn_context *raw_context = first.get();
  vernier::Context context(std::move(first));
  CHECK(context.get() == raw_context);
  CHECK_FALSE(first);
  CHECK(first.get() == nullptr);
  expect_error([&] { first.plugins_json(); }, VN_E_STATE, "vernier::Context");
  expect_error([&] { first.load_plugin(plugin_file("grid")); }, VN_E_STATE, "moved from");
  expect_error([&] { first.check_plugin(plugin_file("grid")); }, VN_E_STATE, "moved from");
  expect_error([&] { vernier::Study s(first, R"({"space": []})"); }, VN_E_STATE, "vernier::Context");

  const std::string config = R"({"name": "moves", "space": [{"name": "x", "type": "float", "low": 0, "high": 1}],
                                 "sampler": {"plugin": "random", "seed": 1}})";
  vernier::Study a(context, config);
  vernier::Study b(std::move(a));
  CHECK_FALSE(a);
  expect_error([&] { a.count(); }, VN_E_STATE, "vernier::Study");
  expect_error([&] { a.ask(); }, VN_E_STATE, "moved from");
  expect_error([&] { a.summary_json(); }, VN_E_STATE, "moved from");

  vernier::Trial t = b.ask();
  vernier::Trial u = std::move(t);
  CHECK_FALSE(t);
  expect_error([&] { t.get_float("x"); }, VN_E_STATE, "vernier::Trial");
  expect_error([&] { t.number(); }, VN_E_STATE, "moved from");
  expect_error([&] { b.tell(t, 1.0); }, VN_E_STATE, "vernier::Trial");
  CHECK(u.number() == 0);

  // Move assignment frees what the target held (ASan's leak check sees it) and takes the other's.
  vernier::Trial v = b.ask();
  v = std::move(u);
  CHECK(v.number() == 0);
  b.tell(v, 0.5);
  a = std::move(b);
  CHECK(a.count(vernier::TrialState::complete) == 1);
  CHECK(a.count(vernier::TrialState::running) == 1);  // trial 1, freed untold, stays running
}
