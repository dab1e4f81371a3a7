-- The catalog: customers (with their phones for exact look-up) and products. Amounts are integer fen.

CREATE TABLE customers (
    id            {{ID}},
    name          TEXT NOT NULL,
    phones        TEXT NOT NULL DEFAULT '',    -- normalised numbers separated by spaces, in the order given
    addresses     TEXT NOT NULL DEFAULT '[]',  -- JSON: [{"district": "...", "address": "..."}]
    notes         TEXT NOT NULL DEFAULT '',
    -- lower-case name, phones, districts and addresses, for substring search
    search_text   TEXT NOT NULL DEFAULT '',
    merged_into   BIGINT REFERENCES customers (id),
    merged_at_ms  BIGINT,
    merged_by     BIGINT,
    version       BIGINT NOT NULL DEFAULT 1,
    created_at_ms BIGINT NOT NULL,
    created_by    BIGINT,
    updated_at_ms BIGINT NOT NULL,
    updated_by    BIGINT
);
CREATE INDEX ix_customers_updated ON customers (updated_at_ms);
CREATE INDEX ix_customers_name ON customers (name);

-- Each phone belongs to one customer (a merged duplicate hands its phones over).
CREATE TABLE customer_phones (
    phone       TEXT NOT NULL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id)
);
CREATE INDEX ix_customer_phones_customer ON customer_phones (customer_id);

CREATE TABLE products (
    id                    {{ID}},
    code                  TEXT NOT NULL,
    name                  TEXT NOT NULL,
    model                 TEXT NOT NULL DEFAULT '',
    category              TEXT NOT NULL DEFAULT '',
    unit_price_fen        BIGINT NOT NULL DEFAULT 0,
    warranty_months       INTEGER NOT NULL DEFAULT 12,
    lead_time_days        INTEGER NOT NULL DEFAULT 3,
    installation_required INTEGER NOT NULL DEFAULT 0 CHECK (installation_required IN (0, 1)),
    active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    search_text           TEXT NOT NULL DEFAULT '',
    version               BIGINT NOT NULL DEFAULT 1,
    created_at_ms         BIGINT NOT NULL,
    created_by            BIGINT,
    updated_at_ms         BIGINT NOT NULL,
    updated_by            BIGINT
);
CREATE UNIQUE INDEX ux_products_code ON products (code);
CREATE INDEX ix_products_category ON products (category);
