// The routes every document type shares: read one, take an action, its timeline, its files.
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "core/json.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "kernel/api/document_json.hpp"
#include "kernel/api/routes.hpp"
#include "kernel/inputs.hpp"
#include "storage/transaction_runner.hpp"

namespace ac::kernel::api {
namespace {

constexpr std::string_view kActionSchema = R"({
  "type": "object", "required": ["version"], "additionalProperties": false,
  "properties": {
    "version": {"type": "integer", "minimum": 1, "description": "the version last read; a stale one answers 409"},
    "comment": {"type": "string", "maxLength": 1000},
    "inputs": {"type": "object", "description": "the action's inputs, as the document's \"actions\" list them"}
  }
})";

struct Context {
    Kernel& kernel;
    const Catalog& catalog;
    const DocumentType& type;
    FieldsView fields;
};

boost::json::value ParseOr(const std::string& text, boost::json::value fallback) {
    const Result<boost::json::value> parsed = json::Parse(text);
    return parsed ? *parsed : fallback;
}

// The parts of a document's answer that a read transaction gives.
struct DocumentParts {
    boost::json::object fields;
    std::vector<TimerRow> timers;
};

Result<DocumentParts> ReadParts(storage::Transaction& tx, const Document& document, const FieldsView& fields) {
    DocumentParts parts;
    if (fields) {
        AC_ASSIGN_OR_RETURN(parts.fields, fields(tx, document));
    }
    AC_ASSIGN_OR_RETURN(parts.timers, TimerRepository::OfDocument(tx, document.id));
    return parts;
}

http::Response Render(Kernel& kernel, const Catalog& catalog, const http::Request& request, const Document& document,
                      DocumentParts parts, int status) {
    return http::JsonResponse(status, DocumentJson(kernel, catalog, request.lang, *request.principal, document,
                                                   parts.timers, std::move(parts.fields)));
}

// Kernel errors name states and actions by code; the caller reads their labels.
Error Localize(const Context& context, Lang lang, Error error) {
    const std::string prefix = "doc." + context.type.type + ".";
    for (auto& [name, value] : error.message.params) {
        if (name == "state") {
            value = Label(context.catalog, lang, prefix + "state." + value, value);
        } else if (name == "action") {
            value = Label(context.catalog, lang, prefix + "action." + value, value);
        }
    }
    return error;
}

Result<http::Response> GetDocument(const Context& context, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    Document document;
    AC_ASSIGN_OR_RETURN(
        DocumentParts parts,
        storage::RunInTransaction(
            context.kernel.db(), storage::TxMode::kRead, [&](storage::Transaction& tx) -> Result<DocumentParts> {
                AC_ASSIGN_OR_RETURN(document,
                                    context.kernel.GetIn(tx, *request.principal, DocumentId(id), context.type.type));
                return ReadParts(tx, document, context.fields);
            }));
    return Render(context.kernel, context.catalog, request, document, std::move(parts), 200);
}

Result<http::Response> TakeAction(const Context& context, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    const std::string action_name(request.PathParam("action"));
    const ActionDef* action = context.type.FindAction(action_name);
    if (action == nullptr) {
        return Fail(Error::Make(ErrorCode::kNotFound, "kernel.unknown_action", {{"action", action_name}}));
    }
    // The document must exist and be visible before its inputs are looked at.
    AC_RETURN_IF_ERROR(context.kernel.Get(*request.principal, DocumentId(id), context.type.type));
    AC_ASSIGN_OR_RETURN(const boost::json::object body, http::ReadJsonObject(request));
    AC_ASSIGN_OR_RETURN(ActionRequestBody parsed, ReadActionRequest(body, *action));
    Result<Document> applied = context.kernel.Apply(
        *request.principal,
        ApplyRequest{DocumentId(id), action_name, parsed.version, std::move(parsed.inputs), request.request_id});
    if (!applied) {
        return Fail(Localize(context, request.lang, std::move(applied).error()));
    }
    return DocumentResponse(context.kernel, context.catalog, request, *applied, context.fields);
}

Result<http::Response> Events(const Context& context, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_ASSIGN_OR_RETURN(const std::vector<TimelineEntry> timeline,
                        context.kernel.Timeline(*request.principal, DocumentId(id), context.type.type));
    const std::string prefix = "doc." + context.type.type + ".";
    boost::json::array items;
    for (const TimelineEntry& entry : timeline) {
        const EventRow& event = entry.event;
        const std::string action_label =
            context.catalog.Has("event." + event.action)
                ? Label(context.catalog, request.lang, "event." + event.action, event.action)
                : Label(context.catalog, request.lang, prefix + "action." + event.action, event.action);
        items.push_back(boost::json::object{
            {"seq", event.seq},
            {"at", FormatRfc3339(event.at)},
            {"actor_id", event.actor_id ? boost::json::value(event.actor_id->value()) : boost::json::value(nullptr)},
            {"actor_name", entry.actor_name},
            {"action", event.action},
            {"action_label", action_label},
            {"from_state", event.from_state},
            {"to_state", event.to_state},
            {"changes", ParseOr(event.changes, boost::json::object{})},
            {"inputs", ParseOr(event.inputs, boost::json::object{})},
            {"comment", event.comment},
            {"request_id", event.request_id},
            {"hash", event.hash},
        });
    }
    return http::JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

Result<http::Response> File(const Context& context, http::Request& request) {
    AC_ASSIGN_OR_RETURN(const std::int64_t id, http::PathId(request));
    AC_RETURN_IF_ERROR(context.kernel.Get(*request.principal, DocumentId(id), context.type.type));
    const std::string hash(request.PathParam("hash"));
    AC_ASSIGN_OR_RETURN(const std::optional<StoredFile> file,
                        storage::RunInTransaction(context.kernel.db(), storage::TxMode::kRead,
                                                  [&](storage::Transaction& tx) -> Result<std::optional<StoredFile>> {
                                                      AC_ASSIGN_OR_RETURN(
                                                          const bool held,
                                                          DocumentRepository::HasFile(tx, DocumentId(id), hash));
                                                      if (!held) {
                                                          return std::optional<StoredFile>();
                                                      }
                                                      return context.kernel.blobs().Get(tx, hash);
                                                  }));
    if (!file) {
        return Fail(Error::Make(ErrorCode::kNotFound, "kernel.blob_not_found"));
    }
    http::Response response = http::Response::Text(200, file->bytes, file->media_type);
    // Content never changes under its hash.
    response.SetHeader("Cache-Control", "private, max-age=31536000, immutable");
    return response;
}

}  // namespace

Result<http::Response> DocumentResponse(Kernel& kernel, const Catalog& catalog, const http::Request& request,
                                        const Document& document, const FieldsView& fields, int status) {
    AC_ASSIGN_OR_RETURN(DocumentParts parts,
                        storage::RunInTransaction(kernel.db(), storage::TxMode::kRead, [&](storage::Transaction& tx) {
                            return ReadParts(tx, document, fields);
                        }));
    return Render(kernel, catalog, request, document, std::move(parts), status);
}

void AddDocumentRoutes(http::Router& router, Kernel& kernel, const Catalog& catalog, const DocumentType& type,
                       FieldsView fields) {
    auto context = std::make_shared<Context>(Context{kernel, catalog, type, std::move(fields)});
    const std::string base = "/api/v1/" + type.resource + "/{id}";
    const std::string tag = type.api_tag.empty() ? type.resource : type.api_tag;
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = base,
        .handler = [context](http::Request& request) { return GetDocument(*context, request); },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "One " + type.type + " with its timers and the actions the caller may take now", .tag = tag},
    });
    router.Add(http::Route{
        .method = http::Method::kPost,
        .pattern = base + "/actions/{action}",
        .handler = [context](http::Request& request) { return TakeAction(*context, request); },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "Take an action on a " + type.type + " (roles, state and inputs are checked)",
                .tag = tag,
                .request_schema = std::string(kActionSchema)},
        .max_body_bytes = kMaxActionBodyBytes,
    });
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = base + "/events",
        .handler = [context](http::Request& request) { return Events(*context, request); },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "The timeline of a " + type.type + " (its audit events, oldest first)", .tag = tag},
    });
    router.Add(http::Route{
        .method = http::Method::kGet,
        .pattern = base + "/files/{hash}",
        .handler = [context](http::Request& request) { return File(*context, request); },
        .permission = std::string(http::kAuthenticated),
        .doc = {.summary = "A file the " + type.type + " holds (a signature image)",
                .tag = tag,
                .success_content_type = "image/png"},
    });
}

}  // namespace ac::kernel::api
