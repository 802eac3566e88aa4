# yaml-cpp 0.7.0 (Debian bookworm's source package, fetched by scripts/setup_yaml.sh) compiled
# from the cache into a static gramlab_yaml, identically for native and WASM. Only
# core/deploy/yaml_reader.cpp includes it; that file turns YAML::ParserException into a Result.
#
# Exceptions under Emscripten: its default build cannot catch (-sDISABLE_EXCEPTION_CATCHING=1),
# so yaml-cpp's throw would abort. For WASM only, yaml-cpp's own sources and the one wrapper
# (yaml_reader.cpp) compile with -fexceptions, and every executable that links core links with
# -fexceptions (which turns catching on); the rest of core stays exception-free.

set(GRAMLAB_YAML_DIR "${GRAMLAB_CACHE_DIR}/yaml-cpp")
if(NOT EXISTS "${GRAMLAB_YAML_DIR}/src/parser.cpp")
    message(FATAL_ERROR "yaml-cpp source missing in ${GRAMLAB_YAML_DIR}: run scripts/setup.sh first")
endif()

file(GLOB GRAMLAB_YAML_SOURCES "${GRAMLAB_YAML_DIR}/src/*.cpp")
add_library(gramlab_yaml STATIC ${GRAMLAB_YAML_SOURCES})
target_include_directories(gramlab_yaml SYSTEM PUBLIC "${GRAMLAB_YAML_DIR}/include")
target_include_directories(gramlab_yaml PRIVATE "${GRAMLAB_YAML_DIR}/src")
target_compile_definitions(gramlab_yaml PUBLIC YAML_CPP_STATIC_DEFINE)
target_compile_features(gramlab_yaml PRIVATE cxx_std_11)
set_target_properties(gramlab_yaml PROPERTIES POSITION_INDEPENDENT_CODE ON)
if(NOT MSVC)
    target_compile_options(gramlab_yaml PRIVATE -w)
endif()
if(GRAMLAB_SANITIZE)
    target_link_libraries(gramlab_yaml PRIVATE gramlab_sanitize)
endif()

if(EMSCRIPTEN)
    target_compile_options(gramlab_yaml PRIVATE -fexceptions)
    # Link flag: whatever links core (tests, playground) gets catching enabled. Propagates
    # through core's PRIVATE (LINK_ONLY) dependency on this static library.
    target_link_options(gramlab_yaml INTERFACE -fexceptions)
    # The wrapper that catches must be compiled with -fexceptions too. core/ is added after
    # this file runs, so set the property once the top-level directory is fully processed.
    function(gramlab_yaml_wrapper_flags)
        # backends/sqlite/functions.cpp catches std::regex_error for REGEXP on a bad pattern;
        # shell/decimal_number.cpp turns a refused or failed allocation into InvalidOperation.
        set_source_files_properties("${PROJECT_SOURCE_DIR}/core/deploy/yaml_reader.cpp"
            "${PROJECT_SOURCE_DIR}/core/backends/sqlite/functions.cpp"
            "${PROJECT_SOURCE_DIR}/core/shell/decimal_number.cpp"
            DIRECTORY "${PROJECT_SOURCE_DIR}/core"
            PROPERTIES COMPILE_OPTIONS "-fexceptions")
    endfunction()
    cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL gramlab_yaml_wrapper_flags)
endif()
