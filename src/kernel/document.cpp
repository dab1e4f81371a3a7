#include "kernel/document.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace ac::kernel {

std::string_view InputKindName(InputKind kind) {
    switch (kind) {
        case InputKind::kText:
            return "text";
        case InputKind::kTime:
            return "time";
        case InputKind::kCustomerNotice:
            return "customer_notice";
        case InputKind::kApproval:
            return "approval";
        case InputKind::kSignature:
            return "signature";
        case InputKind::kChecklist:
            return "checklist";
        case InputKind::kAssignee:
            return "assignee";
        case InputKind::kNumber:
            return "number";
        case InputKind::kChoice:
            return "choice";
        case InputKind::kPhotos:
            return "photos";
    }
    return "text";
}

const ActionDef* DocumentType::FindAction(std::string_view name) const {
    const auto it = std::find_if(actions.begin(), actions.end(), [&](const ActionDef& a) { return a.name == name; });
    return it == actions.end() ? nullptr : &*it;
}

void Registry::Add(DocumentType type) {
    const auto fail = [&](const std::string& why) {
        throw std::logic_error("document type " + type.type + ": " + why);
    };
    for (const auto& existing : types_) {
        if (existing->type == type.type || existing->prefix == type.prefix || existing->resource == type.resource) {
            fail("type, prefix or resource already registered");
        }
    }
    const std::set<std::string> states(type.states.begin(), type.states.end());
    if (states.size() != type.states.size() || !states.contains(type.initial_state)) {
        fail("duplicate states or an initial state that is not one of them");
    }
    if (type.prefix.empty() || type.resource.empty() || type.creators.none()) {
        fail("a prefix, a resource and creators are required");
    }
    std::set<std::string> action_names;
    for (const ActionDef& action : type.actions) {
        if (!action_names.insert(action.name).second) {
            fail("duplicate action " + action.name);
        }
        if (action.roles.none() != action.system) {
            fail("action " + action.name + (action.system ? " is a system action with roles" : " has no roles"));
        }
        if (action.from.empty()) {
            fail("action " + action.name + " can be taken in no state");
        }
        for (const std::string& from : action.from) {
            if (!states.contains(from)) {
                fail("action " + action.name + " starts from unknown state " + from);
            }
        }
        if (!action.to.empty() && !states.contains(action.to)) {
            fail("action " + action.name + " leads to unknown state " + action.to);
        }
        std::set<std::string> input_names;
        std::map<InputKind, int> kinds;
        for (const InputSpec& input : action.inputs) {
            if (!input_names.insert(input.name).second) {
                fail("action " + action.name + " has two inputs called " + input.name);
            }
            // ActionInputs holds one of each structured kind.
            // Numbers and choices are keyed by name like texts and times.
            const bool keyed = input.kind == InputKind::kText || input.kind == InputKind::kTime ||
                               input.kind == InputKind::kNumber || input.kind == InputKind::kChoice ||
                               input.kind == InputKind::kPhotos;
            if (!keyed && ++kinds[input.kind] > 1) {
                fail("action " + action.name + " has two " + std::string(InputKindName(input.kind)) + " inputs");
            }
            if (input.kind == InputKind::kNumber && input.min > input.max) {
                fail("action " + action.name + " input " + input.name + " has min > max");
            }
            if (input.kind == InputKind::kChoice && input.options.empty()) {
                fail("action " + action.name + " input " + input.name + " has no options");
            }
            if (input.kind == InputKind::kApproval && input.approver_roles.none()) {
                fail("approval input " + input.name + " names no approver roles");
            }
        }
    }
    types_.push_back(std::make_unique<DocumentType>(std::move(type)));
}

const DocumentType* Registry::Find(std::string_view type) const {
    for (const auto& candidate : types_) {
        if (candidate->type == type) {
            return candidate.get();
        }
    }
    return nullptr;
}

void Registry::AddChecklist(ChecklistTemplate checklist) {
    if (FindChecklist(checklist.name) != nullptr) {
        throw std::logic_error("checklist template " + checklist.name + " is registered twice");
    }
    if (!CheckChecklistItems(checklist.items)) {
        throw std::logic_error("checklist template " + checklist.name + " has bad items");
    }
    checklists_.push_back(std::move(checklist));
}

const ChecklistTemplate* Registry::FindChecklist(std::string_view name) const {
    for (const ChecklistTemplate& checklist : checklists_) {
        if (checklist.name == name) {
            return &checklist;
        }
    }
    return nullptr;
}

}  // namespace ac::kernel
