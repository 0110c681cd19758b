# Installs the CMake package (find_package(vernier CONFIG)) and the pkg-config file, so a plugin author
# or an embedder builds against an installed Vernier with nothing but its prefix.
include(CMakePackageConfigHelpers)

install(EXPORT vernier-targets NAMESPACE vernier:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vernier)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/vernier-config.cmake.in
  ${PROJECT_BINARY_DIR}/vernier-config.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vernier
  PATH_VARS CMAKE_INSTALL_LIBDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/vernier-config-version.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/vernier-config.cmake ${PROJECT_BINARY_DIR}/vernier-config-version.cmake
  ${CMAKE_CURRENT_LIST_DIR}/plugin-exports.map DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vernier)

# The .pc file finds its prefix relative to itself, so `cmake --install --prefix P` gives a correct file.
file(RELATIVE_PATH VERNIER_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
configure_file(${CMAKE_CURRENT_LIST_DIR}/vernier.pc.in ${PROJECT_BINARY_DIR}/vernier.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/vernier.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
