# ac_embed_files(TARGET <lib> NAME <Function> HEADER <header> FILES <f...>)
# Generates a C++ source that holds the files' bytes and defines
#   std::span<const ac::EmbeddedFile> <Function>()
# declared in <header>; the files are re-embedded whenever one of them changes.
set(AC_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_script.cmake)

function(ac_embed_files)
    cmake_parse_arguments(ARG "" "TARGET;NAME;HEADER;NAMESPACE" "FILES" ${ARGN})
    set(out ${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}_embedded.cpp)
    add_custom_command(
        OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${ARG_NAME} -DHEADER=${ARG_HEADER}
                -DNAMESPACE=${ARG_NAMESPACE} "-DFILES=${ARG_FILES}" -P ${AC_EMBED_SCRIPT}
        DEPENDS ${ARG_FILES} ${AC_EMBED_SCRIPT}
        COMMENT "Embedding ${ARG_NAME}"
        VERBATIM)
    target_sources(${ARG_TARGET} PRIVATE ${out})
endfunction()
