# Asserts that libvernier's defined dynamic symbols are exactly the functions vernier.h declares with
# VN_API: nothing missing (an embedder could not link), nothing more (C++ and Boost internals would
# interpose on an embedding program's own). As `nm -D --defined-only` sees it.
#   cmake -DNM=<nm> -DLIBRARY=<libvernier.so> -DHEADER=<vernier.h> -P check_library_exports.cmake
include(${CMAKE_CURRENT_LIST_DIR}/../read_exports.cmake)
read_exports(${NM} ${LIBRARY} exported)

file(READ ${HEADER} header)
string(REGEX MATCHALL "VN_API[^;(]*[ *](vn_[a-z0-9_]+)\\(" declarations "${header}")
set(declared "")
foreach(declaration IN LISTS declarations)
  string(REGEX MATCH "(vn_[a-z0-9_]+)\\($" name "${declaration}")
  list(APPEND declared ${CMAKE_MATCH_1})
endforeach()

list(SORT exported)
list(SORT declared)
set(missing ${declared})
list(REMOVE_ITEM missing ${exported})
set(extra ${exported})
list(REMOVE_ITEM extra ${declared})
list(LENGTH declared n_declared)
if(n_declared LESS 30)
  message(FATAL_ERROR "found only ${n_declared} VN_API declarations in ${HEADER}: the pattern is broken")
endif()
if(missing OR extra)
  list(JOIN missing ", " missing_text)
  list(JOIN extra ", " extra_text)
  message(FATAL_ERROR "libvernier exports do not match vernier.h: missing [${missing_text}], extra [${extra_text}]")
endif()
message(STATUS "libvernier exports exactly the ${n_declared} functions vernier.h declares")
