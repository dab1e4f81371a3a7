// JSON renderings of kernel records, shared by the kernel's routes (and the modules' list routes).
#pragma once

#include <boost/json/object.hpp>

#include "core/i18n.hpp"
#include "kernel/kernel.hpp"

namespace ac::kernel::api {

// The label of a catalog key in `lang`, or the fallback when the key is missing.
[[nodiscard]] std::string Label(const Catalog& catalog, Lang lang, const std::string& key, std::string_view fallback);

// The common columns of a document with the labels of its type and state.
[[nodiscard]] boost::json::object DocumentSummaryJson(const Catalog& catalog, Lang lang, const Document& document);

// The whole document: the summary, the module's "fields", its timers, and the actions `actor` may take now with
// their inputs.
[[nodiscard]] boost::json::object DocumentJson(Kernel& kernel, const Catalog& catalog, Lang lang,
                                               const Principal& actor, const Document& document,
                                               const std::vector<TimerRow>& timers, boost::json::value fields);

[[nodiscard]] boost::json::object TimerJson(const Catalog& catalog, Lang lang, const TimerRow& timer);

// A notification rendered for its reader.
[[nodiscard]] boost::json::object NotificationJson(const Catalog& catalog, Lang lang, const NotificationRow& row,
                                                   const std::optional<Document>& document, const Registry& registry);

}  // namespace ac::kernel::api
