/* What the C API tests share: expectations that report the file, line and vn_last_error() and let the
 * test go on, and the context options that load plugins from the build tree only. A test includes this
 * once, after <vernier/vernier.h>, and returns expectations_result(its name) from main. */
#ifndef VERNIER_TESTS_C_API_EXPECT_H
#define VERNIER_TESTS_C_API_EXPECT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vernier/vernier.h>

#ifndef VERNIER_PLUGIN_BUILD_DIR
#error "VERNIER_PLUGIN_BUILD_DIR must name the build tree's plugin directory"
#endif

static int failures = 0;

/* A failed expectation prints where it is and the library's last message, and the test goes on. */
#define EXPECT(cond)                                                                                 \
  do {                                                                                               \
    if (!(cond)) {                                                                                   \
      fprintf(stderr, "%s:%d: EXPECT(%s) failed; vn_last_error: \"%s\"\n", __FILE__, __LINE__, #cond, \
              vn_last_error());                                                                      \
      ++failures;                                                                                    \
    }                                                                                                \
  } while (0)

/* A call that must return `expected`; on any other status the message says which. */
#define EXPECT_STATUS(call, expected)                                                                  \
  do {                                                                                                 \
    vn_status got_ = (call);                                                                           \
    if (got_ != (expected)) {                                                                          \
      fprintf(stderr, "%s:%d: %s returned %d, expected %d (%s); vn_last_error: \"%s\"\n", __FILE__,    \
              __LINE__, #call, (int)got_, (int)(expected), #expected, vn_last_error());                \
      ++failures;                                                                                      \
    }                                                                                                  \
  } while (0)

/* Without this the rest of the test cannot run: stop here. */
#define REQUIRE_OK(call)                                                                                   \
  do {                                                                                                     \
    vn_status got_ = (call);                                                                               \
    if (got_ != VN_OK) {                                                                                   \
      fprintf(stderr, "%s:%d: %s returned %d; vn_last_error: \"%s\"\n", __FILE__, __LINE__, #call, (int)got_, \
              vn_last_error());                                                                            \
      exit(1);                                                                                             \
    }                                                                                                      \
  } while (0)

/* The last error must mention `text` (the messages are part of the contract: they name the problem). */
#define EXPECT_MESSAGE(text)                                                                             \
  do {                                                                                                   \
    if (strstr(vn_last_error(), (text)) == NULL) {                                                       \
      fprintf(stderr, "%s:%d: vn_last_error() \"%s\" does not mention \"%s\"\n", __FILE__, __LINE__,    \
              vn_last_error(), (text));                                                                  \
      ++failures;                                                                                        \
    }                                                                                                    \
  } while (0)

/* main's exit status: 0 when every expectation held, else 1 with the count of failed ones on stderr. */
static inline int expectations_result(const char *test) {
  if (failures > 0) {
    fprintf(stderr, "%s: %d expectation(s) failed\n", test, failures);
    return 1;
  }
  printf("%s: all expectations hold\n", test);
  return 0;
}

static const char *const kContextOptions =
    "{\"plugin_path\": [\"" VERNIER_PLUGIN_BUILD_DIR "\"], \"default_paths\": false}";

#endif /* VERNIER_TESTS_C_API_EXPECT_H */
