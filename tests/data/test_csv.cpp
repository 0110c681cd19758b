// The CSV reader: RFC 4180 quoting, line ends, blank lines, a byte-order mark, and its errors.
#include <catch2/catch.hpp>

#include "data/csv.hpp"
#include "base/error.hpp"

using vernier::data::CsvReader;

namespace {

std::vector<std::vector<std::string>> read_all(const std::string &text) {
  CsvReader reader(text, "t.csv");
  std::vector<std::string_view> fields;
  std::vector<std::vector<std::string>> out;
  while (reader.next(fields)) out.emplace_back(fields.begin(), fields.end());
  return out;
}

}  // namespace

TEST_CASE("records are split on commas and line ends, LF or CRLF", "[data][csv]") {
  CHECK(read_all("a,b\n1,2\n") == std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}});
  CHECK(read_all("a,b\r\n1,2\r\n") == std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}});
  CHECK(read_all("a,b\n1,2") == std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}});  // no final newline
  CHECK(read_all("a,,\n") == std::vector<std::vector<std::string>>{{"a", "", ""}});                // empty fields kept
}

TEST_CASE("quoted fields keep commas, newlines and doubled quotes", "[data][csv]") {
  CHECK(read_all("\"x, y\",\"say \"\"hi\"\"\"\n") == std::vector<std::vector<std::string>>{{"x, y", "say \"hi\""}});
  CHECK(read_all("\"two\nlines\",b\n") == std::vector<std::vector<std::string>>{{"two\nlines", "b"}});
  CHECK(read_all("\"\",1\n") == std::vector<std::vector<std::string>>{{"", "1"}});
}

TEST_CASE("blank lines and a UTF-8 byte-order mark are skipped; line numbers count physical lines", "[data][csv]") {
  CsvReader reader("\xEF\xBB\xBFh\n\n1\r\n\n\"a\nb\"\n2\n\n", "t.csv");
  std::vector<std::string_view> f;
  REQUIRE(reader.next(f));
  CHECK(f[0] == "h");
  CHECK(reader.line() == 1);
  REQUIRE(reader.next(f));
  CHECK(f[0] == "1");
  CHECK(reader.line() == 3);
  REQUIRE(reader.next(f));
  CHECK(reader.line() == 5);  // the record starts on line 5 and spans two lines
  REQUIRE(reader.next(f));
  CHECK(f[0] == "2");
  CHECK(reader.line() == 7);
  CHECK_FALSE(reader.next(f));
}

TEST_CASE("an unclosed quote or text after a closing quote is an error naming the line", "[data][csv]") {
  CHECK_THROWS_WITH(read_all("a\n\"open,1\n2\n"), Catch::Matchers::Contains("t.csv: line 2: a quoted field is never closed"));
  CHECK_THROWS_WITH(read_all("a\n\"x\"y\n"), Catch::Matchers::Contains("line 2: unexpected text after a closing quote"));
}

TEST_CASE("a missing file is reported by name", "[data][csv]") {
  try {
    CsvReader reader(std::string("/nonexistent/dir/x.csv"));
    FAIL("no error");
  } catch (const vernier::Error &e) {
    CHECK(e.status() == VN_E_NOT_FOUND);
    CHECK_THAT(e.what(), Catch::Matchers::Contains("/nonexistent/dir/x.csv"));
  }
}
