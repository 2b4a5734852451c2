# briefing_add_plugin(NAME SOURCE...)
# Builds a plugin the way a third party would: a shared object that sees only
# the public headers in include/briefing and links nothing of the program.
function(briefing_add_plugin name)
  add_library(${name} MODULE ${ARGN})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    LIBRARY_OUTPUT_DIRECTORY "${BRIEFING_BUILD_PLUGINDIR}")
  target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/include")
  install(TARGETS ${name} LIBRARY DESTINATION "${BRIEFING_PLUGINDIR_REL}")
endfunction()
