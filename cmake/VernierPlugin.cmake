# vernier_add_plugin(<target> KIND <samplers|surrogates|models|splitters> SOURCES <files...> [LIBS <libs...>])
#
# Builds one plugin library the way VN-ABI-1 requires: a MODULE library with hidden visibility whose
# only exported symbol is vernier_plugin_entry (enforced by a linker version script), linked against
# the plugin SDK and never against libvernier. Output goes to lib/vernier/plugins in the build tree
# and in the install prefix.
set(VERNIER_PLUGIN_EXPORTS_MAP ${CMAKE_CURRENT_LIST_DIR}/plugin-exports.map)

function(vernier_add_plugin target)
  cmake_parse_arguments(ARG "" "KIND;NAME" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_NAME)
    set(ARG_NAME ${target})
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  set_target_properties(${target} PROPERTIES
    PREFIX "libvernier-"
    OUTPUT_NAME "${ARG_NAME}"
    LIBRARY_OUTPUT_DIRECTORY ${VERNIER_PLUGIN_BUILD_DIR}
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    LINK_DEPENDS ${VERNIER_PLUGIN_EXPORTS_MAP})
  target_link_options(${target} PRIVATE "LINKER:--version-script=${VERNIER_PLUGIN_EXPORTS_MAP}"
                      "LINKER:--no-undefined")
  target_link_libraries(${target} PRIVATE vernier_plugin_sdk ${ARG_LIBS})
  install(TARGETS ${target} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/${VERNIER_PLUGIN_SUBDIR})
  set_property(GLOBAL APPEND PROPERTY VERNIER_PLUGIN_TARGETS ${target})
endfunction()
