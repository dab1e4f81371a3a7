// Generated from the server's /api/v1/openapi.json by e2e/api-types.mjs; do not edit.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers HTTP */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database answers */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The server's version */
        get: operations["getApiV1Version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI 3 document */
        get: operations["getApiV1OpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with a username or mobile number; sets the session cookie */
        post: operations["postApiV1AuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: the session ends */
        post: operations["postApiV1AuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, their permissions and CSRF token */
        get: operations["getApiV1AuthMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change one's own password; every other session ends, this one is renewed */
        post: operations["postApiV1AuthPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The roles, their names and permissions */
        get: operations["getApiV1Roles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stores the caller sees (?q=&active=&page=&page_size=) */
        get: operations["getApiV1Stores"];
        put?: never;
        /** Open a store */
        post: operations["postApiV1Stores"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One store */
        get: operations["getApiV1StoresId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a store (with the version last read) */
        patch: operations["patchApiV1StoresId"];
        trace?: never;
    };
    "/api/v1/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Staff the caller sees (?q=&store_id=&role=&active=&page=&page_size=) */
        get: operations["getApiV1Staff"];
        put?: never;
        /** Add a staff member (and their account) */
        post: operations["postApiV1Staff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One staff member */
        get: operations["getApiV1StaffId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a staff member; deactivating ends their sessions */
        patch: operations["patchApiV1StaffId"];
        trace?: never;
    };
    "/api/v1/staff/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a staff member's password; their sessions end */
        post: operations["postApiV1StaffIdPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens of staff the caller sees (never the tokens themselves) */
        get: operations["getApiV1ApiTokens"];
        put?: never;
        /** Issue an API token acting as a staff member; the answer shows it once */
        post: operations["postApiV1ApiTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token */
        delete: operations["deleteApiV1ApiTokensId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's notifications, newest first (?unread=true, page, page_size), with the unread count */
        get: operations["getApiV1Notifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one of the caller's notifications read */
        post: operations["postApiV1NotificationsIdRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark all of the caller's notifications read */
        post: operations["postApiV1NotificationsReadAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** WebSocket of live updates: {"type": "notification", "notification": {…}, "unread_count": n} for each new notification of the caller */
        get: operations["getApiV1Ws"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook subscriptions (without their secrets) */
        get: operations["getApiV1Webhooks"];
        put?: never;
        /** Subscribe a URL to event types; the answer holds the signing secret, once */
        post: operations["postApiV1Webhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End a subscription (its pending deliveries fail) */
        delete: operations["deleteApiV1WebhooksId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subscription's latest 50 deliveries with every attempt */
        get: operations["getApiV1WebhooksIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Checklist templates: built-in items, chain and store overrides, and the items in effect (?store_id=) */
        get: operations["getApiV1ChecklistTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist-templates/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a template's items for the chain or one store: {store_id?, version (0 for a new override), items: [{key, zh_cn, en}]} */
        put: operations["putApiV1ChecklistTemplatesName"];
        post?: never;
        /** Remove an override (?store_id=; none: the chain's) */
        delete: operations["deleteApiV1ChecklistTemplatesName"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{id}/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A store's business calendar: time zone, working hours, holidays and make-up days */
        get: operations["getApiV1StoresIdCalendar"];
        /** Set a store's working hours and exceptions (new timers use them) */
        put: operations["putApiV1StoresIdCalendar"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sla-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SLA policies: built-in rule, chain and store overrides, and the rule in effect (?store_id=) */
        get: operations["getApiV1SlaPolicies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sla-policies/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Override a policy's rule for the chain or one store (new timers use it) */
        put: operations["putApiV1SlaPoliciesName"];
        post?: never;
        /** Remove an override (?store_id=; none: the chain's) */
        delete: operations["deleteApiV1SlaPoliciesName"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find customers by a part of the name, a phone or an address (?q=&sort=&page=&page_size=) */
        get: operations["getApiV1Customers"];
        put?: never;
        /** Register a customer */
        post: operations["postApiV1Customers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import customers from a CSV file (all rows or none; ?dry_run=true checks only) */
        post: operations["postApiV1CustomersImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer */
        get: operations["getApiV1CustomersId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a customer (with the version last read) */
        patch: operations["patchApiV1CustomersId"];
        trace?: never;
    };
    "/api/v1/customers/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge a duplicate customer into this one */
        post: operations["postApiV1CustomersIdMerge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find products (?q=&category=&active=&sort=&page=&page_size=) */
        get: operations["getApiV1Products"];
        put?: never;
        /** Add a product */
        post: operations["postApiV1Products"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import products from a CSV file: existing codes are updated (all rows or none) */
        post: operations["postApiV1ProductsImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One product */
        get: operations["getApiV1ProductsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a product (with the version last read) */
        patch: operations["patchApiV1ProductsId"];
        trace?: never;
    };
    "/api/v1/product-categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The product categories in use */
        get: operations["getApiV1ProductCategories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/repair-tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Repair tickets the caller sees, newest first */
        get: operations["getApiV1RepairTickets"];
        put?: never;
        /** Register a repair problem (the problem registration form, C1/C4) */
        post: operations["postApiV1RepairTickets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/repair-tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One repair_ticket with its timers and the actions the caller may take now */
        get: operations["getApiV1RepairTicketsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/repair-tickets/{id}/actions/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take an action on a repair_ticket (roles, state and inputs are checked) */
        post: operations["postApiV1RepairTicketsIdActionsAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/repair-tickets/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The timeline of a repair_ticket (its audit events, oldest first) */
        get: operations["getApiV1RepairTicketsIdEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/repair-tickets/{id}/files/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file the repair_ticket holds (a signature image) */
        get: operations["getApiV1RepairTicketsIdFilesHash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sales contracts the caller sees, newest first */
        get: operations["getApiV1Contracts"];
        put?: never;
        /** Enter a sales contract (A1, A2, B11) */
        post: operations["postApiV1Contracts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The order follower's day: the batch, needs, factory orders to place and on the way */
        get: operations["getApiV1ContractsBoard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/late-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contracts after the 17:00 cut-off per salesperson (A1) */
        get: operations["getApiV1ContractsLateReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Warehouses of the caller's stores */
        get: operations["getApiV1Warehouses"];
        put?: never;
        /** Add a warehouse */
        post: operations["postApiV1Warehouses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Finished-goods stock per warehouse and product (A3) */
        get: operations["getApiV1Stock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stock/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receive goods into a warehouse (a ledger row) */
        post: operations["postApiV1StockReceipts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stock/movements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stock ledger of a warehouse, newest first */
        get: operations["getApiV1StockMovements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/factory-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Factory orders, newest first (A4, A5) */
        get: operations["getApiV1FactoryOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/factory-orders/drafts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Draft the day's factory orders from the needs, one per factory (A4) */
        post: operations["postApiV1FactoryOrdersDrafts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sales_contract with its timers and the actions the caller may take now */
        get: operations["getApiV1ContractsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/actions/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take an action on a sales_contract (roles, state and inputs are checked) */
        post: operations["postApiV1ContractsIdActionsAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The timeline of a sales_contract (its audit events, oldest first) */
        get: operations["getApiV1ContractsIdEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/files/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file the sales_contract holds (a signature image) */
        get: operations["getApiV1ContractsIdFilesHash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/factory-orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One factory_order with its timers and the actions the caller may take now */
        get: operations["getApiV1FactoryOrdersId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/factory-orders/{id}/actions/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take an action on a factory_order (roles, state and inputs are checked) */
        post: operations["postApiV1FactoryOrdersIdActionsAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/factory-orders/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The timeline of a factory_order (its audit events, oldest first) */
        get: operations["getApiV1FactoryOrdersIdEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/factory-orders/{id}/files/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file the factory_order holds (a signature image) */
        get: operations["getApiV1FactoryOrdersIdFilesHash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery and installation jobs, by delivery window */
        get: operations["getApiV1Deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The dispatch board: jobs by day and crew, and those still to schedule (B1) */
        get: operations["getApiV1DeliveriesBoard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery_job with its timers and the actions the caller may take now */
        get: operations["getApiV1DeliveriesId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries/{id}/actions/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take an action on a delivery_job (roles, state and inputs are checked) */
        post: operations["postApiV1DeliveriesIdActionsAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The timeline of a delivery_job (its audit events, oldest first) */
        get: operations["getApiV1DeliveriesIdEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries/{id}/files/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file the delivery_job holds (a signature image) */
        get: operations["getApiV1DeliveriesIdFilesHash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                /** @enum {string} */
                code: "bad_request" | "validation_failed" | "not_found" | "method_not_allowed" | "already_exists" | "conflict" | "failed_precondition" | "unauthenticated" | "permission_denied" | "rate_limited" | "payload_too_large" | "unsupported_media_type" | "request_timeout" | "unavailable" | "internal";
                /** @description In the caller's language (Accept-Language). */
                message: string;
                /** @description One message per invalid field, by the field's path in the request. */
                fields?: {
                    [key: string]: string;
                };
                request_id?: string;
            };
        };
    };
    responses: {
        /** @description An error in the common shape */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Version: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: string;
                        commit: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1OpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1AuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description username or mobile number */
                    login: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The staff record with permissions and sees_all_stores */
                        user: {
                            id: number;
                            username: string;
                            name: string;
                            phone?: string | null;
                            employee_no?: string | null;
                            /** @description null: head office */
                            store_id: number | null;
                            roles: string[];
                            skills: string[];
                            active: boolean;
                            version: number;
                            permissions: string[];
                            sees_all_stores: boolean;
                        };
                        /** @description Send as X-CSRF-Token on POST, PUT, PATCH, DELETE */
                        csrf_token: string | null;
                        /** Format: date-time */
                        expires_at?: string | null;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1AuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1AuthMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The staff record with permissions and sees_all_stores */
                        user: {
                            id: number;
                            username: string;
                            name: string;
                            phone?: string | null;
                            employee_no?: string | null;
                            /** @description null: head office */
                            store_id: number | null;
                            roles: string[];
                            skills: string[];
                            active: boolean;
                            version: number;
                            permissions: string[];
                            sees_all_stores: boolean;
                        };
                        /** @description Send as X-CSRF-Token on POST, PUT, PATCH, DELETE */
                        csrf_token: string | null;
                        /** Format: date-time */
                        expires_at?: string | null;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1AuthPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    current_password: string;
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The staff record with permissions and sees_all_stores */
                        user: {
                            id: number;
                            username: string;
                            name: string;
                            phone?: string | null;
                            employee_no?: string | null;
                            /** @description null: head office */
                            store_id: number | null;
                            roles: string[];
                            skills: string[];
                            active: boolean;
                            version: number;
                            permissions: string[];
                            sees_all_stores: boolean;
                        };
                        /** @description Send as X-CSRF-Token on POST, PUT, PATCH, DELETE */
                        csrf_token: string | null;
                        /** Format: date-time */
                        expires_at?: string | null;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Roles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Stores: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1Stores: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    name: string;
                    address?: string;
                    phone?: string;
                    /** @description IANA name, default Asia/Shanghai */
                    time_zone?: string;
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        code: string;
                        name: string;
                        address: string;
                        phone: string;
                        time_zone: string;
                        active: boolean;
                        version: number;
                        /** Format: date-time */
                        created_at?: string;
                        /** Format: date-time */
                        updated_at?: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1StoresId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        code: string;
                        name: string;
                        address: string;
                        phone: string;
                        time_zone: string;
                        active: boolean;
                        version: number;
                        /** Format: date-time */
                        created_at?: string;
                        /** Format: date-time */
                        updated_at?: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiV1StoresId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the version last read; a stale one answers 409 */
                    version: number;
                    code?: string;
                    name?: string;
                    address?: string;
                    phone?: string;
                    time_zone?: string;
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        code: string;
                        name: string;
                        address: string;
                        phone: string;
                        time_zone: string;
                        active: boolean;
                        version: number;
                        /** Format: date-time */
                        created_at?: string;
                        /** Format: date-time */
                        updated_at?: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Staff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1Staff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    name: string;
                    /** @description mainland mobile number */
                    phone?: string | null;
                    employee_no?: string | null;
                    /** @description null or absent: head office */
                    store_id?: number | null;
                    roles: string[];
                    skills?: string[];
                    active?: boolean;
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        username: string;
                        name: string;
                        phone?: string | null;
                        employee_no?: string | null;
                        /** @description null: head office */
                        store_id?: number | null;
                        roles: string[];
                        skills: string[];
                        active: boolean;
                        has_password?: boolean;
                        version: number;
                        /** Format: date-time */
                        created_at?: string;
                        /** Format: date-time */
                        updated_at?: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1StaffId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        username: string;
                        name: string;
                        phone?: string | null;
                        employee_no?: string | null;
                        /** @description null: head office */
                        store_id?: number | null;
                        roles: string[];
                        skills: string[];
                        active: boolean;
                        has_password?: boolean;
                        version: number;
                        /** Format: date-time */
                        created_at?: string;
                        /** Format: date-time */
                        updated_at?: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiV1StaffId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    version: number;
                    username?: string;
                    name?: string;
                    phone?: string | null;
                    employee_no?: string | null;
                    store_id?: number | null;
                    roles?: string[];
                    skills?: string[];
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        username: string;
                        name: string;
                        phone?: string | null;
                        employee_no?: string | null;
                        /** @description null: head office */
                        store_id?: number | null;
                        roles: string[];
                        skills: string[];
                        active: boolean;
                        has_password?: boolean;
                        version: number;
                        /** Format: date-time */
                        created_at?: string;
                        /** Format: date-time */
                        updated_at?: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1StaffIdPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        username: string;
                        name: string;
                        phone?: string | null;
                        employee_no?: string | null;
                        /** @description null: head office */
                        store_id?: number | null;
                        roles: string[];
                        skills: string[];
                        active: boolean;
                        has_password?: boolean;
                        version: number;
                        /** Format: date-time */
                        created_at?: string;
                        /** Format: date-time */
                        updated_at?: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1ApiTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1ApiTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    staff_id: number;
                    name: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiV1ApiTokensId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Notifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1NotificationsIdRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1NotificationsReadAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Ws: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1Webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description http:// URL that receives POSTs */
                    url: string;
                    event_types: string[];
                    /** @description the HMAC key; generated (and shown once) when absent */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiV1WebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1WebhooksIdDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1ChecklistTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    putApiV1ChecklistTemplatesName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiV1ChecklistTemplatesName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1StoresIdCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    putApiV1StoresIdCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the version read (0 when none was stored yet) */
                    version: number;
                    /** @description mon … sun: {"open": "09:00", "close": "18:00"} or null (closed) */
                    week: Record<string, never>;
                    exceptions?: {
                        /** Format: date */
                        date: string;
                        hours?: Record<string, never> | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1SlaPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    putApiV1SlaPoliciesName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description null or absent: the whole chain */
                    store_id?: number | null;
                    /** @description {kind: elapsed_minutes|working_minutes|end_of_day|local_time|end_of_working_day, minutes, days_after, time, warn_percent, escalate_after_minutes} */
                    rule: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    deleteApiV1SlaPoliciesName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Customers: {
        parameters: {
            query?: {
                q?: string;
                sort?: "-updated_at" | "updated_at" | "name" | "-name" | "-created_at";
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            name: string;
                            phones: string[];
                            addresses: {
                                district: string;
                                address: string;
                            }[];
                            notes: string;
                            /** @description set on a duplicate merged into another customer */
                            merged_into: number | null;
                            version: number;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        }[];
                        total: number;
                        /** @description true when more rows match than total: a list counts up to four pages past the one asked for */
                        total_capped?: boolean;
                        page: number;
                        page_size: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1Customers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    phones: string[];
                    addresses?: {
                        district?: string;
                        address: string;
                    }[];
                    notes?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        phones: string[];
                        addresses: {
                            district: string;
                            address: string;
                        }[];
                        notes: string;
                        /** @description set on a duplicate merged into another customer */
                        merged_into: number | null;
                        version: number;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1CustomersImport: {
        parameters: {
            query?: {
                dry_run?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rows: number;
                        created: number;
                        updated: number;
                        dry_run: boolean;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1CustomersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        phones: string[];
                        addresses: {
                            district: string;
                            address: string;
                        }[];
                        notes: string;
                        /** @description set on a duplicate merged into another customer */
                        merged_into: number | null;
                        version: number;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiV1CustomersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the version last read; a stale one answers 409 */
                    version: number;
                    name?: string;
                    phones?: string[];
                    addresses?: {
                        district?: string;
                        address: string;
                    }[];
                    notes?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        phones: string[];
                        addresses: {
                            district: string;
                            address: string;
                        }[];
                        notes: string;
                        /** @description set on a duplicate merged into another customer */
                        merged_into: number | null;
                        version: number;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1CustomersIdMerge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description of the customer that stays */
                    version: number;
                    duplicate_id: number;
                    duplicate_version: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        phones: string[];
                        addresses: {
                            district: string;
                            address: string;
                        }[];
                        notes: string;
                        /** @description set on a duplicate merged into another customer */
                        merged_into: number | null;
                        version: number;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Products: {
        parameters: {
            query?: {
                q?: string;
                category?: string;
                active?: boolean;
                sort?: "code" | "-code" | "name" | "unit_price" | "-unit_price" | "-updated_at";
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            code: string;
                            name: string;
                            model: string;
                            category: string;
                            /** @description in fen, 1/100 yuan */
                            unit_price_fen: number;
                            warranty_months: number;
                            lead_time_days: number;
                            factory: string;
                            installation_required: boolean;
                            active: boolean;
                            version: number;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        }[];
                        total: number;
                        /** @description true when more rows match than total: a list counts up to four pages past the one asked for */
                        total_capped?: boolean;
                        page: number;
                        page_size: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1Products: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    name: string;
                    model?: string;
                    category?: string;
                    /** @description in fen, 1/100 yuan */
                    unit_price_fen: number;
                    warranty_months?: number;
                    /** @description default 3 */
                    lead_time_days?: number;
                    /** @description who makes it; factory orders are grouped by it */
                    factory?: string;
                    installation_required?: boolean;
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        code: string;
                        name: string;
                        model: string;
                        category: string;
                        /** @description in fen, 1/100 yuan */
                        unit_price_fen: number;
                        warranty_months: number;
                        lead_time_days: number;
                        factory: string;
                        installation_required: boolean;
                        active: boolean;
                        version: number;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1ProductsImport: {
        parameters: {
            query?: {
                dry_run?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rows: number;
                        created: number;
                        updated: number;
                        dry_run: boolean;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1ProductsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        code: string;
                        name: string;
                        model: string;
                        category: string;
                        /** @description in fen, 1/100 yuan */
                        unit_price_fen: number;
                        warranty_months: number;
                        lead_time_days: number;
                        factory: string;
                        installation_required: boolean;
                        active: boolean;
                        version: number;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    patchApiV1ProductsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    version: number;
                    code?: string;
                    name?: string;
                    model?: string;
                    category?: string;
                    /** @description in fen, 1/100 yuan */
                    unit_price_fen?: number;
                    warranty_months?: number;
                    /** @description default 3 */
                    lead_time_days?: number;
                    /** @description who makes it; factory orders are grouped by it */
                    factory?: string;
                    installation_required?: boolean;
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        code: string;
                        name: string;
                        model: string;
                        category: string;
                        /** @description in fen, 1/100 yuan */
                        unit_price_fen: number;
                        warranty_months: number;
                        lead_time_days: number;
                        factory: string;
                        installation_required: boolean;
                        active: boolean;
                        version: number;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1ProductCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: string[];
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1RepairTickets: {
        parameters: {
            query?: {
                q?: string;
                state?: string;
                sla?: "running" | "breached";
                open?: boolean;
                mine?: boolean;
                store_id?: number;
                technician_id?: number;
                from?: string;
                to?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            number: string;
                            state: string;
                            state_label: string;
                            store_id: number;
                            version: number;
                            created_at: string;
                            customer_name: string;
                            phone: string;
                            address: string;
                            product_model: string;
                            problem: string;
                            channel: string;
                            source: string;
                            warranty: string;
                            technician_id: number | null;
                            window_start: string | null;
                            window_end: string | null;
                            /** @description while the 30-minute timer runs */
                            first_contact_deadline: string | null;
                            /** @description a deadline of this ticket was missed */
                            breached: boolean;
                        }[];
                        total: number;
                        /** @description true when more rows match than total: a list counts up to four pages past the one asked for */
                        total_capped?: boolean;
                        page: number;
                        page_size: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1RepairTickets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_name: string;
                    phone: string;
                    district?: string;
                    address: string;
                    /** @description a product's model or code */
                    product_model: string;
                    problem: string;
                    symptoms: string;
                    /** @enum {string} */
                    channel: "phone" | "letter" | "visit" | "web";
                    /** Format: date */
                    delivered_on?: string | null;
                    /** @description default: the registering user's store */
                    store_id?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1RepairTicketsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1RepairTicketsIdActionsAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                action: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the version last read; a stale one answers 409 */
                    version: number;
                    comment?: string;
                    /** @description the action's inputs, as the document's "actions" list them */
                    inputs?: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1RepairTicketsIdEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1RepairTicketsIdFilesHash: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Contracts: {
        parameters: {
            query?: {
                q?: string;
                state?: string;
                batch_date?: string;
                salesperson_id?: number;
                store_id?: number;
                at_risk?: boolean;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            number: string;
                            state: string;
                            state_label: string;
                            store_id: number;
                            version: number;
                            created_at: string;
                            customer_name: string;
                            phone: string;
                            address: string;
                            salesperson_id: number;
                            salesperson_name: string;
                            batch_date: string;
                            /** @description received after 17:00, rule A1 */
                            late: boolean;
                            total_fen: number;
                            units: number;
                            reserved: number;
                            /** @description units neither in stock nor on a factory order */
                            need: number;
                            /** @description waits on a factory order past its expected arrival, rule A5 */
                            at_risk: boolean;
                        }[];
                        total: number;
                        /** @description true when more rows match than total: a list counts up to four pages past the one asked for */
                        total_capped?: boolean;
                        page: number;
                        page_size: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1Contracts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_name: string;
                    phone: string;
                    district?: string;
                    address: string;
                    installation_requirements?: string;
                    special_requirements?: string;
                    /** @description default: the caller, when a salesperson */
                    salesperson_id?: number;
                    /** @description default: the store's first warehouse */
                    warehouse_id?: number;
                    /** @description default: the caller's store */
                    store_id?: number;
                    lines: {
                        product_id: number;
                        quantity: number;
                        /** @description default: the list price */
                        unit_price_fen?: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1ContractsBoard: {
        parameters: {
            query?: {
                store_id?: number;
                date?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch_date: string;
                        store_id: number;
                        batch: {
                            id: number;
                            number: string;
                            state: string;
                            state_label: string;
                            store_id: number;
                            version: number;
                            created_at: string;
                            customer_name: string;
                            phone: string;
                            address: string;
                            salesperson_id: number;
                            salesperson_name: string;
                            batch_date: string;
                            /** @description received after 17:00, rule A1 */
                            late: boolean;
                            total_fen: number;
                            units: number;
                            reserved: number;
                            /** @description units neither in stock nor on a factory order */
                            need: number;
                            /** @description waits on a factory order past its expected arrival, rule A5 */
                            at_risk: boolean;
                        }[];
                        late: number;
                        waiting: {
                            id: number;
                            number: string;
                            state: string;
                            state_label: string;
                            store_id: number;
                            version: number;
                            created_at: string;
                            customer_name: string;
                            phone: string;
                            address: string;
                            salesperson_id: number;
                            salesperson_name: string;
                            batch_date: string;
                            /** @description received after 17:00, rule A1 */
                            late: boolean;
                            total_fen: number;
                            units: number;
                            reserved: number;
                            /** @description units neither in stock nor on a factory order */
                            need: number;
                            /** @description waits on a factory order past its expected arrival, rule A5 */
                            at_risk: boolean;
                        }[];
                        needs: {
                            line_id: number;
                            contract_id: number;
                            contract_number: string;
                            product_id: number;
                            product_name: string;
                            model: string;
                            factory: string;
                            quantity: number;
                            warehouse_id: number;
                        }[];
                        drafts: {
                            id: number;
                            number: string;
                            state: string;
                            state_label: string;
                            version: number;
                            created_at: string;
                            factory: string;
                            placed_at: string | null;
                            /** @description placed, and a line is past its expected arrival, rule A5 */
                            overdue: boolean;
                            lines: {
                                contract_number: string;
                                product_name: string;
                                model: string;
                                quantity: number;
                                expected_on: string | null;
                                received: number;
                            }[];
                        }[];
                        placed: {
                            id: number;
                            number: string;
                            state: string;
                            state_label: string;
                            version: number;
                            created_at: string;
                            factory: string;
                            placed_at: string | null;
                            /** @description placed, and a line is past its expected arrival, rule A5 */
                            overdue: boolean;
                            lines: {
                                contract_number: string;
                                product_name: string;
                                model: string;
                                quantity: number;
                                expected_on: string | null;
                                received: number;
                            }[];
                        }[];
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1ContractsLateReport: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: string;
                        to: string;
                        items: {
                            salesperson_id: number;
                            name: string;
                            contracts: number;
                            late: number;
                        }[];
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Warehouses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            store_id: number;
                            code: string;
                            name: string;
                        }[];
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1Warehouses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    name: string;
                    store_id?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        store_id: number;
                        code: string;
                        name: string;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Stock: {
        parameters: {
            query?: {
                warehouse_id?: number;
                q?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            warehouse_id: number;
                            product_id: number;
                            product_code: string;
                            product_name: string;
                            model: string;
                            on_hand: number;
                            reserved: number;
                            available: number;
                        }[];
                        total: number;
                        /** @description true when more rows match than total: a list counts up to four pages past the one asked for */
                        total_capped?: boolean;
                        page: number;
                        page_size: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1StockReceipts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    warehouse_id: number;
                    product_id: number;
                    quantity: number;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        warehouse_id: number;
                        product_id: number;
                        product_code: string;
                        product_name: string;
                        model: string;
                        on_hand: number;
                        reserved: number;
                        available: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1StockMovements: {
        parameters: {
            query?: {
                warehouse_id?: number;
                product_id?: number;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            warehouse_id: number;
                            product_id: number;
                            /** @enum {string} */
                            kind: "receipt" | "reserve" | "release" | "issue";
                            on_hand_delta: number;
                            reserved_delta: number;
                            contract_id: number | null;
                            factory_order_id: number | null;
                            note: string;
                            at: string;
                            staff_id: number | null;
                        }[];
                        total: number;
                        /** @description true when more rows match than total: a list counts up to four pages past the one asked for */
                        total_capped?: boolean;
                        page: number;
                        page_size: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1FactoryOrders: {
        parameters: {
            query?: {
                state?: string;
                overdue?: boolean;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            number: string;
                            state: string;
                            state_label: string;
                            version: number;
                            created_at: string;
                            factory: string;
                            placed_at: string | null;
                            /** @description placed, and a line is past its expected arrival, rule A5 */
                            overdue: boolean;
                            lines: {
                                contract_number: string;
                                product_name: string;
                                model: string;
                                quantity: number;
                                expected_on: string | null;
                                received: number;
                            }[];
                        }[];
                        total: number;
                        /** @description true when more rows match than total: a list counts up to four pages past the one asked for */
                        total_capped?: boolean;
                        page: number;
                        page_size: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1FactoryOrdersDrafts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    store_id?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            number: string;
                            state: string;
                            state_label: string;
                            version: number;
                        }[];
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1ContractsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1ContractsIdActionsAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                action: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the version last read; a stale one answers 409 */
                    version: number;
                    comment?: string;
                    /** @description the action's inputs, as the document's "actions" list them */
                    inputs?: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1ContractsIdEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1ContractsIdFilesHash: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1FactoryOrdersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1FactoryOrdersIdActionsAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                action: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the version last read; a stale one answers 409 */
                    version: number;
                    comment?: string;
                    /** @description the action's inputs, as the document's "actions" list them */
                    inputs?: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1FactoryOrdersIdEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1FactoryOrdersIdFilesHash: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1Deliveries: {
        parameters: {
            query?: {
                q?: string;
                state?: string;
                open?: boolean;
                mine?: boolean;
                installer_id?: number;
                contract_id?: number;
                store_id?: number;
                from?: string;
                to?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            number: string;
                            state: string;
                            state_label: string;
                            store_id: number;
                            version: number;
                            created_at: string;
                            contract_id: number;
                            contract_number: string;
                            customer_name: string;
                            phone: string;
                            address: string;
                            installer_id: number | null;
                            installer_name: string;
                            crew: string;
                            window_start: string | null;
                            window_end: string | null;
                            breached: boolean;
                        }[];
                        total: number;
                        /** @description true when more rows match than total: a list counts up to four pages past the one asked for */
                        total_capped?: boolean;
                        page: number;
                        page_size: number;
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1DeliveriesBoard: {
        parameters: {
            query?: {
                store_id?: number;
                from?: string;
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: string;
                        days: number;
                        store_id: number;
                        installers: {
                            id: number;
                            name: string;
                        }[];
                        jobs: {
                            id: number;
                            number: string;
                            state: string;
                            state_label: string;
                            store_id: number;
                            version: number;
                            created_at: string;
                            contract_id: number;
                            contract_number: string;
                            customer_name: string;
                            phone: string;
                            address: string;
                            installer_id: number | null;
                            installer_name: string;
                            crew: string;
                            window_start: string | null;
                            window_end: string | null;
                            breached: boolean;
                        }[];
                    };
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1DeliveriesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    postApiV1DeliveriesIdActionsAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                action: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the version last read; a stale one answers 409 */
                    version: number;
                    comment?: string;
                    /** @description the action's inputs, as the document's "actions" list them */
                    inputs?: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1DeliveriesIdEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
    getApiV1DeliveriesIdFilesHash: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            default: components["responses"]["Error"];
        };
    };
}
