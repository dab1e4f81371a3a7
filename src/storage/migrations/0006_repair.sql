-- Repairs (chapter C): the problem registration form as the repair ticket document, its call attempts, visits
-- (with the service record), receipts for goods taken back, and follow-up calls. Instants are epoch ms.

CREATE TABLE repair_tickets (
    document_id     BIGINT NOT NULL PRIMARY KEY REFERENCES documents (id),
    customer_id     BIGINT NOT NULL REFERENCES customers (id),
    customer_name   TEXT NOT NULL,
    phone           TEXT NOT NULL,
    district        TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL,
    product_id      BIGINT REFERENCES products (id),
    product_model   TEXT NOT NULL,
    problem         TEXT NOT NULL,
    symptoms        TEXT NOT NULL,
    channel         TEXT NOT NULL,  -- phone, letter, visit, web
    source          TEXT NOT NULL,  -- store (C1/C2) or aftersales (C4)
    delivered_on    TEXT,           -- YYYY-MM-DD when known
    warranty        TEXT NOT NULL,  -- in_warranty, out_of_warranty, unknown
    agent_id        BIGINT REFERENCES staff (id),
    technician_id   BIGINT REFERENCES staff (id),
    window_start_ms BIGINT,
    window_end_ms   BIGINT,
    major           INTEGER NOT NULL DEFAULT 0 CHECK (major IN (0, 1)),
    tools_to_prepare TEXT NOT NULL DEFAULT '',  -- what the technician brings (C6, Q6)
    search_text     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_repair_tickets_customer ON repair_tickets (customer_id);
CREATE INDEX ix_repair_tickets_technician ON repair_tickets (technician_id, window_start_ms);

-- Every call to the customer (C3): when, who, the outcome.
CREATE TABLE repair_calls (
    id          {{ID}},
    document_id BIGINT NOT NULL REFERENCES documents (id),
    at_ms       BIGINT NOT NULL,
    caller_id   BIGINT NOT NULL REFERENCES staff (id),
    outcome     TEXT NOT NULL,  -- agreed, no_answer, busy, wrong_number, reached_not_agreed
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_repair_calls_document ON repair_calls (document_id);

-- A visit: the window agreed, arrival and departure (punctuality, C6/Q4), what was found and done, and the
-- service record the customer fills in (Q23): rating, remarks, signature or the reason there is none.
CREATE TABLE repair_visits (
    id              {{ID}},
    document_id     BIGINT NOT NULL REFERENCES documents (id),
    technician_id   BIGINT NOT NULL REFERENCES staff (id),
    window_start_ms BIGINT,
    window_end_ms   BIGINT,
    arrived_at_ms   BIGINT NOT NULL,
    departed_at_ms  BIGINT,
    late_minutes    BIGINT NOT NULL DEFAULT 0,
    outcome         TEXT,  -- fixed, escalated, taken_back, returned
    findings        TEXT NOT NULL DEFAULT '',
    parts_used      TEXT NOT NULL DEFAULT '',
    explanation     TEXT NOT NULL DEFAULT '',
    rating          INTEGER,
    remarks         TEXT NOT NULL DEFAULT '',
    signature_file  TEXT,
    signer          TEXT NOT NULL DEFAULT '',
    refusal_reason  TEXT NOT NULL DEFAULT '',
    photos          TEXT NOT NULL DEFAULT '{}'  -- JSON: {"photos_before": [file hash, …], "photos_after": […]}
);
CREATE INDEX ix_repair_visits_document ON repair_visits (document_id);
CREATE INDEX ix_repair_visits_technician ON repair_visits (technician_id, arrived_at_ms);

-- Goods taken back for repair (C8): the receipt given to the customer, and when it came back.
CREATE TABLE repair_receipts (
    id                {{ID}},
    document_id       BIGINT NOT NULL REFERENCES documents (id),
    number            TEXT NOT NULL,
    goods             TEXT NOT NULL,
    issued_at_ms      BIGINT NOT NULL,
    issued_by         BIGINT NOT NULL REFERENCES staff (id),
    taken_back_at_ms  BIGINT,
    taken_back_by     BIGINT REFERENCES staff (id)
);
CREATE UNIQUE INDEX ux_repair_receipts_number ON repair_receipts (number);

-- The follow-up call after closing (C13), counted in the technician's assessment.
CREATE TABLE repair_follow_ups (
    id            {{ID}},
    document_id   BIGINT NOT NULL REFERENCES documents (id),
    technician_id BIGINT REFERENCES staff (id),
    at_ms         BIGINT NOT NULL,
    by_id         BIGINT NOT NULL REFERENCES staff (id),
    satisfaction  INTEGER NOT NULL,
    remarks       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_repair_follow_ups_technician ON repair_follow_ups (technician_id);
