-- Chapter B: delivery and installation jobs (SH), created when a contract's goods are all in stock (A6).

CREATE TABLE delivery_jobs (
    document_id               BIGINT NOT NULL PRIMARY KEY REFERENCES documents (id),
    contract_id               BIGINT NOT NULL REFERENCES documents (id),
    customer_name             TEXT NOT NULL,
    phone                     TEXT NOT NULL,
    address                   TEXT NOT NULL,  -- where the goods go (B1); the contract's unless changed
    installation_requirements TEXT NOT NULL DEFAULT '',
    installer_id              BIGINT REFERENCES staff (id),  -- the crew leader
    crew                      TEXT NOT NULL DEFAULT '',      -- the other crew members
    window_start_ms           BIGINT,
    window_end_ms             BIGINT,
    confirmed_at_ms           BIGINT,  -- B2
    slip_sent_at_ms           BIGINT,  -- B12
    inspected_at_ms           BIGINT,  -- B4
    arrived_at_ms             BIGINT,
    late_minutes              BIGINT NOT NULL DEFAULT 0,
    signed_at_ms              BIGINT,  -- B10
    signer                    TEXT NOT NULL DEFAULT '',
    signature_file            TEXT,
    rating                    INTEGER,
    remarks                   TEXT NOT NULL DEFAULT '',
    photos                    TEXT NOT NULL DEFAULT '{}',  -- {"inspection_photos": [hash, …], …}
    voucher_returned_at_ms    BIGINT,  -- B15
    search_text               TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX ux_delivery_jobs_contract ON delivery_jobs (contract_id);
CREATE INDEX ix_delivery_jobs_installer ON delivery_jobs (installer_id, window_start_ms);
CREATE INDEX ix_delivery_jobs_window ON delivery_jobs (window_start_ms);

-- Delays and replacements told to the customer (B3, B5, Q8): when, why, the old and the new window.
CREATE TABLE delivery_changes (
    id               {{ID}},
    document_id      BIGINT NOT NULL REFERENCES documents (id),
    kind             TEXT NOT NULL,  -- delay, replacement
    at_ms            BIGINT NOT NULL,
    staff_id         BIGINT NOT NULL REFERENCES staff (id),
    reason           TEXT NOT NULL,
    goods            TEXT NOT NULL DEFAULT '',  -- replaced goods taken back
    old_start_ms     BIGINT,
    old_end_ms       BIGINT,
    new_start_ms     BIGINT NOT NULL,
    new_end_ms       BIGINT NOT NULL,
    notice_at_ms     BIGINT NOT NULL
);
CREATE INDEX ix_delivery_changes_document ON delivery_changes (document_id);

-- The follow-up call (B16), kept for the crew leader's assessment.
CREATE TABLE delivery_follow_ups (
    id           {{ID}},
    document_id  BIGINT NOT NULL REFERENCES documents (id),
    installer_id BIGINT REFERENCES staff (id),
    at_ms        BIGINT NOT NULL,
    satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
    remarks      TEXT NOT NULL DEFAULT '',
    staff_id     BIGINT NOT NULL REFERENCES staff (id)
);
CREATE INDEX ix_delivery_follow_ups_installer ON delivery_follow_ups (installer_id, at_ms);
