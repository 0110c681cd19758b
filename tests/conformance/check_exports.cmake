# Asserts that each plugin library's only defined dynamic symbol is vernier_plugin_entry (VN-ABI-1), as
# `nm -D --defined-only` sees it: an independent cross-check of core/plugin_host/elf_symbols.cpp.
#   cmake -DNM=<nm> -DDIR=<dir> [-DMIN_COUNT=<n>] -P check_exports.cmake    every *.so in dir
#   cmake -DNM=<nm> -DLIBRARY=<file.so> -P check_exports.cmake              one library
# Note: -D options must come before -P.
if(DEFINED LIBRARY)
  set(libraries ${LIBRARY})
else()
  file(GLOB libraries ${DIR}/*.so)
endif()
if(NOT DEFINED MIN_COUNT)
  set(MIN_COUNT 1)
endif()
list(LENGTH libraries count)
if(count LESS MIN_COUNT)
  message(FATAL_ERROR "found ${count} plugin libraries in '${DIR}', expected at least ${MIN_COUNT}")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/../read_exports.cmake)
set(failed FALSE)
foreach(library IN LISTS libraries)
  read_exports(${NM} ${library} names)
  # One unwrapped line per library (message(STATUS) is never re-flowed, so tests can match it).
  if(NOT names STREQUAL "vernier_plugin_entry")
    list(JOIN names ", " exported)
    message(STATUS "BAD EXPORTS ${library}: ${exported} (only vernier_plugin_entry is allowed, VN-ABI-1)")
    set(failed TRUE)
  else()
    message(STATUS "ok ${library}: exports only vernier_plugin_entry")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "plugin libraries export more than vernier_plugin_entry")
endif()
