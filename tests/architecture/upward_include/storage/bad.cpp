// A planted violation: the storage room reaching up to the study room.
#include "study/study.hpp"
