-- Chapter A: sales contracts (HT), warehouses and their stock with its ledger, and factory orders (GC).
-- Amounts are integer fen, instants epoch ms, dates YYYY-MM-DD in store-local time.

-- The factory that makes a product: factory orders are grouped by it (A4).
ALTER TABLE products ADD COLUMN factory TEXT NOT NULL DEFAULT '';

CREATE TABLE warehouses (
    id            {{ID}},
    store_id      BIGINT NOT NULL REFERENCES stores (id),
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_warehouses_code ON warehouses (code);

-- Finished goods per warehouse and product. Every change is a stock_movements row in the same transaction, so
-- on_hand and reserved always equal the sums of the ledger's deltas.
CREATE TABLE stock_levels (
    warehouse_id BIGINT NOT NULL REFERENCES warehouses (id),
    product_id   BIGINT NOT NULL REFERENCES products (id),
    on_hand      BIGINT NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved     BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    PRIMARY KEY (warehouse_id, product_id)
);

CREATE TABLE stock_movements (
    id               {{ID}},
    warehouse_id     BIGINT NOT NULL REFERENCES warehouses (id),
    product_id       BIGINT NOT NULL REFERENCES products (id),
    kind             TEXT NOT NULL,  -- receipt, reserve, release, issue
    on_hand_delta    BIGINT NOT NULL,
    reserved_delta   BIGINT NOT NULL,
    contract_id      BIGINT REFERENCES documents (id),
    factory_order_id BIGINT REFERENCES documents (id),
    note             TEXT NOT NULL DEFAULT '',
    at_ms            BIGINT NOT NULL,
    staff_id         BIGINT REFERENCES staff (id)
);
CREATE INDEX ix_stock_movements_item ON stock_movements (warehouse_id, product_id, id);

CREATE TABLE contracts (
    document_id               BIGINT NOT NULL PRIMARY KEY REFERENCES documents (id),
    customer_id               BIGINT NOT NULL REFERENCES customers (id),
    customer_name             TEXT NOT NULL,
    phone                     TEXT NOT NULL,
    district                  TEXT NOT NULL DEFAULT '',
    address                   TEXT NOT NULL,
    installation_requirements TEXT NOT NULL DEFAULT '',  -- B11
    special_requirements      TEXT NOT NULL DEFAULT '',  -- A2
    salesperson_id            BIGINT NOT NULL REFERENCES staff (id),
    warehouse_id              BIGINT NOT NULL REFERENCES warehouses (id),
    received_at_ms            BIGINT NOT NULL,
    batch_date                TEXT NOT NULL,  -- the order follower's day it belongs to (A1)
    late                      INTEGER NOT NULL CHECK (late IN (0, 1)),  -- received at or after the 17:00 cut-off
    total_fen                 BIGINT NOT NULL,
    search_text               TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_contracts_batch ON contracts (batch_date);
CREATE INDEX ix_contracts_salesperson ON contracts (salesperson_id, received_at_ms);

CREATE TABLE contract_lines (
    id             {{ID}},
    contract_id    BIGINT NOT NULL REFERENCES documents (id),
    line_no        INTEGER NOT NULL,
    product_id     BIGINT NOT NULL REFERENCES products (id),
    product_name   TEXT NOT NULL,
    model          TEXT NOT NULL,
    quantity       BIGINT NOT NULL CHECK (quantity > 0),
    unit_price_fen BIGINT NOT NULL CHECK (unit_price_fen >= 0),
    reserved       BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0),  -- units held in stock for this line
    ordered        BIGINT NOT NULL DEFAULT 0 CHECK (ordered >= 0),   -- units on factory orders, not yet arrived
    CHECK (reserved + ordered <= quantity)
);
CREATE INDEX ix_contract_lines_contract ON contract_lines (contract_id, line_no);

CREATE TABLE factory_orders (
    document_id  BIGINT NOT NULL PRIMARY KEY REFERENCES documents (id),
    factory      TEXT NOT NULL,
    warehouse_id BIGINT NOT NULL REFERENCES warehouses (id),
    placed_at_ms BIGINT,
    received_at_ms BIGINT
);

CREATE TABLE factory_order_lines (
    id               {{ID}},
    order_id         BIGINT NOT NULL REFERENCES documents (id),
    contract_line_id BIGINT NOT NULL REFERENCES contract_lines (id),
    product_id       BIGINT NOT NULL REFERENCES products (id),
    quantity         BIGINT NOT NULL CHECK (quantity > 0),
    lead_time_days   INTEGER NOT NULL,
    expected_on      TEXT,  -- placed date + lead time (A5); null while a draft
    received         BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX ix_factory_order_lines_order ON factory_order_lines (order_id);
CREATE INDEX ix_factory_order_lines_contract_line ON factory_order_lines (contract_line_id);
