# vernier_add_sdk_test_plugin(<target> DIR <subdir> SOURCES <files...>)
# A C++ plugin built with the plugin SDK exactly as bundled plugins are (hidden visibility, only the entry
# exported, no undefined symbols), but into tests/plugins/<subdir> of the build tree and never installed,
# so no host discovers it unless a test points its plugin path there.
include_guard(GLOBAL)
function(vernier_add_sdk_test_plugin target)
  cmake_parse_arguments(ARG "" "DIR" "SOURCES" ${ARGN})
  add_library(${target} MODULE ${ARG_SOURCES})
  set_target_properties(${target} PROPERTIES
    PREFIX "libvernier-test-"
    LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests/plugins/${ARG_DIR}
    CXX_VISIBILITY_PRESET hidden
    LINK_DEPENDS ${VERNIER_PLUGIN_EXPORTS_MAP})
  target_link_options(${target} PRIVATE "LINKER:--version-script=${VERNIER_PLUGIN_EXPORTS_MAP}" "LINKER:--no-undefined")
  target_link_libraries(${target} PRIVATE vernier_plugin_sdk)
endfunction()
