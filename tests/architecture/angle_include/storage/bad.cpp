// A planted violation: the storage room reaching up to the study room, in angle brackets.
#include <study/study.hpp>
