#include <gtest/gtest.h>

#include "app/catalog.hpp"
#include "kernel/api/routes.hpp"
#include "kernel/test_ticket.hpp"
#include "modules/contracts/contract_workflow.hpp"
#include "modules/delivery/delivery_workflow.hpp"
#include "modules/repair/repair_workflow.hpp"

namespace ac::app {
namespace {

// Every state, action, input, checklist item, notification and SLA policy a registered type names has its text
// in both languages; a type that lacks some is listed (and the server refuses to start with it).
TEST(WorkflowLabels, RegisteredTypesHaveEveryLabel) {
    const Catalog catalog = BuildCatalog();
    kernel::Registry registry;
    kernel::Policies policies;
    registry.Add(kernel::test_ticket::Type());
    kernel::test_ticket::AddPolicies(policies);
    EXPECT_TRUE(kernel::api::MissingLabels(registry, policies, catalog).empty());

    kernel::DocumentType bare;
    bare.type = "bare";
    bare.prefix = "BR";
    bare.resource = "bares";
    bare.states = {"open", "closed"};
    bare.initial_state = "open";
    bare.creators = RolesOf({Role::kAftersalesAgent});
    bare.actions = {kernel::ActionDef{.name = "close",
                                      .from = {"open"},
                                      .to = "closed",
                                      .roles = RolesOf({Role::kAftersalesAgent}),
                                      .inputs = {kernel::InputSpec{.name = "why", .kind = kernel::InputKind::kText}}}};
    registry.Add(bare);
    policies.Add(kernel::PolicyDef{"bare.close", {}});
    EXPECT_EQ(kernel::api::MissingLabels(registry, policies, catalog),
              (std::vector<std::string>{"doc.bare", "doc.bare.state.open", "doc.bare.state.closed",
                                        "doc.bare.action.close", "doc.bare.input.why", "sla.bare.close"}));
}

// The document types the server runs: repairs, contracts, factory orders and delivery jobs.
TEST(WorkflowLabels, TheShippedTypesHaveEveryLabelInBothLanguages) {
    const Catalog catalog = BuildCatalog();
    kernel::Registry registry;
    kernel::Policies policies;
    registry.Add(repair::TicketType());
    repair::AddChecklists(registry);
    repair::AddPolicies(policies);
    registry.Add(contracts::ContractType(delivery::JobFor));
    registry.Add(contracts::FactoryOrderType());
    contracts::AddPolicies(policies);
    registry.Add(delivery::JobType());
    delivery::AddChecklists(registry);
    delivery::AddPolicies(policies);
    EXPECT_EQ(kernel::api::MissingLabels(registry, policies, catalog), std::vector<std::string>{});
}

TEST(WorkflowLabels, SystemActionsHaveNoRolesAndOthersNeedThem) {
    kernel::Registry registry;
    kernel::DocumentType type = kernel::test_ticket::Type();
    type.actions[1].system = true;  // a system action with roles: nobody could tell who may take it
    EXPECT_THROW(registry.Add(type), std::logic_error);
    type.actions[1].roles = RoleSet();
    EXPECT_NO_THROW(registry.Add(type)) << "taken only as another action's follow-on";
}

TEST(WorkflowLabels, TheRegistryRefusesMalformedTypes) {
    kernel::Registry registry;
    kernel::DocumentType type = kernel::test_ticket::Type();
    type.actions[0].from = {"nowhere"};
    EXPECT_THROW(registry.Add(type), std::logic_error);
    type = kernel::test_ticket::Type();
    type.actions[1].roles = RoleSet();
    EXPECT_THROW(registry.Add(type), std::logic_error);
    type = kernel::test_ticket::Type();
    type.actions.push_back(type.actions[0]);
    EXPECT_THROW(registry.Add(type), std::logic_error);
    registry.Add(kernel::test_ticket::Type());
    EXPECT_THROW(registry.Add(kernel::test_ticket::Type()), std::logic_error) << "registered twice";
}

}  // namespace
}  // namespace ac::app
