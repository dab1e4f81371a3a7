// A file compiled into the binary (migrations, later the web UI), see cmake/embed.cmake.
#pragma once

#include <span>
#include <string_view>

namespace ac {

struct EmbeddedFile {
    std::string_view name;  // the file name without folders, e.g. "0001_init.sql"
    std::string_view data;  // the bytes, valid for the whole run of the program
};

}  // namespace ac
