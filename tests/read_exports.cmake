# read_exports(<nm> <library> <out-var>): the names of the library's defined dynamic symbols, as
# `nm -D --defined-only` lists them (version suffixes such as @VERS_1 dropped). Included by the scripts
# that check what plugin libraries and libvernier export.
function(read_exports nm library out_var)
  execute_process(COMMAND ${nm} -D --defined-only ${library}
                  OUTPUT_VARIABLE listing ERROR_VARIABLE errors RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${nm} -D --defined-only ${library} failed: ${errors}")
  endif()
  # Lines are "<address> <type> <name>"; the name is the last field.
  string(REPLACE "\n" ";" lines "${listing}")
  set(names "")
  foreach(line IN LISTS lines)
    if(line MATCHES "([^ \t@]+)(@[^ \t]*)?[ \t]*$")
      list(APPEND names ${CMAKE_MATCH_1})
    endif()
  endforeach()
  set(${out_var} "${names}" PARENT_SCOPE)
endfunction()
