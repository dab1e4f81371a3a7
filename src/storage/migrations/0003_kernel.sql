-- The workflow kernel: documents, their events (the audit trail), SLA timers and breaches, notifications,
-- webhooks with their outbox, store calendars, SLA policy overrides, and stored files.

-- Daily number sequences: WX20261127-0007 is the 7th WX document of 27 Nov 2026 (the store's local date).
CREATE TABLE document_numbers (
    prefix TEXT NOT NULL,
    day    TEXT NOT NULL,
    last   BIGINT NOT NULL,
    PRIMARY KEY (prefix, day)
);

-- The columns every document shares; each module keeps its own fields in its own table keyed by document id.
CREATE TABLE documents (
    id              {{ID}},
    type            TEXT NOT NULL,
    number          TEXT NOT NULL,
    store_id        BIGINT NOT NULL REFERENCES stores (id),
    state           TEXT NOT NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    assignee_id     BIGINT REFERENCES staff (id),
    event_count     BIGINT NOT NULL DEFAULT 0,
    last_event_hash TEXT NOT NULL DEFAULT '',
    created_at_ms   BIGINT NOT NULL,
    created_by      BIGINT,
    updated_at_ms   BIGINT NOT NULL,
    updated_by      BIGINT
);
CREATE UNIQUE INDEX ux_documents_number ON documents (number);
CREATE INDEX ix_documents_type_store_state ON documents (type, store_id, state);
CREATE INDEX ix_documents_assignee ON documents (assignee_id);

-- One row per change of a document, never updated or deleted. Each event's hash covers its content and the
-- previous event's hash of the same document; the document row holds the last hash and the count.
CREATE TABLE events (
    id          {{ID}},
    document_id BIGINT NOT NULL REFERENCES documents (id),
    seq         BIGINT NOT NULL,
    at_ms       BIGINT NOT NULL,
    actor_id    BIGINT,
    action      TEXT NOT NULL,
    from_state  TEXT NOT NULL DEFAULT '',
    to_state    TEXT NOT NULL DEFAULT '',
    changes     TEXT NOT NULL DEFAULT '{}',
    inputs      TEXT NOT NULL DEFAULT '{}',
    comment     TEXT NOT NULL DEFAULT '',
    request_id  TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_events_document_seq ON events (document_id, seq);

-- Per-store (or, with store_id 0, chain-wide) overrides of the SLA policies' built-in deadline rules.
CREATE TABLE sla_policies (
    store_id      BIGINT NOT NULL,
    name          TEXT NOT NULL,
    rule          TEXT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    updated_by    BIGINT,
    PRIMARY KEY (store_id, name)
);

-- A running (or paused, stopped, breached) SLA timer. next_fire_ms is when the scheduler must next look at it
-- (the warning, the breach, the escalation); NULL when nothing is left to do.
CREATE TABLE sla_timers (
    id             {{ID}},
    document_id    BIGINT NOT NULL REFERENCES documents (id),
    name           TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('running', 'paused', 'stopped', 'breached')),
    started_at_ms  BIGINT NOT NULL,
    deadline_ms    BIGINT NOT NULL,
    warn_at_ms     BIGINT NOT NULL,
    next_fire_ms   BIGINT,
    warned         INTEGER NOT NULL DEFAULT 0,
    escalation     INTEGER NOT NULL DEFAULT 0,
    paused_at_ms   BIGINT,
    stopped_at_ms  BIGINT,
    breached_at_ms BIGINT
);
CREATE UNIQUE INDEX ux_sla_timers_document_name ON sla_timers (document_id, name);
CREATE INDEX ix_sla_timers_due ON sla_timers (next_fire_ms) WHERE next_fire_ms IS NOT NULL;

-- A missed deadline, for assessment: who held the document when it was missed.
CREATE TABLE sla_breaches (
    id             {{ID}},
    timer_id       BIGINT NOT NULL REFERENCES sla_timers (id),
    document_id    BIGINT NOT NULL REFERENCES documents (id),
    store_id       BIGINT NOT NULL,
    name           TEXT NOT NULL,
    responsible_id BIGINT,
    deadline_ms    BIGINT NOT NULL,
    breached_at_ms BIGINT NOT NULL
);
CREATE INDEX ix_sla_breaches_responsible ON sla_breaches (responsible_id, breached_at_ms);
CREATE INDEX ix_sla_breaches_store ON sla_breaches (store_id, breached_at_ms);

-- The in-app inbox. Texts are a message key and parameters, rendered in the reader's language.
CREATE TABLE notifications (
    id          {{ID}},
    staff_id    BIGINT NOT NULL REFERENCES staff (id),
    at_ms       BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    document_id BIGINT REFERENCES documents (id),
    message_key TEXT NOT NULL,
    params      TEXT NOT NULL DEFAULT '{}',
    read_at_ms  BIGINT
);
CREATE INDEX ix_notifications_staff ON notifications (staff_id, id);

CREATE TABLE webhook_subscriptions (
    id            {{ID}},
    url           TEXT NOT NULL,
    secret        TEXT NOT NULL,
    event_types   TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at_ms BIGINT NOT NULL,
    created_by    BIGINT
);

-- Deliveries to make, written in the same transaction as the event. A delivery being sent is leased, so that
-- a server that dies mid-send leaves it to be sent again (at least once; receivers dedupe by delivery id).
CREATE TABLE outbox (
    id                 {{ID}},
    subscription_id    BIGINT NOT NULL REFERENCES webhook_subscriptions (id),
    event_id           BIGINT REFERENCES events (id),
    event_type         TEXT NOT NULL,
    payload            TEXT NOT NULL,
    state              TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms BIGINT NOT NULL,
    lease_until_ms     BIGINT,
    created_at_ms      BIGINT NOT NULL,
    delivered_at_ms    BIGINT
);
CREATE INDEX ix_outbox_due ON outbox (next_attempt_at_ms) WHERE state = 'pending';

CREATE TABLE webhook_attempts (
    id          {{ID}},
    outbox_id   BIGINT NOT NULL REFERENCES outbox (id),
    at_ms       BIGINT NOT NULL,
    status      INTEGER,
    error       TEXT NOT NULL DEFAULT '',
    duration_ms BIGINT NOT NULL
);
CREATE INDEX ix_webhook_attempts_outbox ON webhook_attempts (outbox_id);

-- A store's working hours and exceptions (JSON); the time zone is the store's own column.
CREATE TABLE store_calendars (
    store_id      BIGINT PRIMARY KEY REFERENCES stores (id),
    config        TEXT NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1,
    updated_at_ms BIGINT NOT NULL,
    updated_by    BIGINT
);

-- Files attached to a document (signatures, photos): whoever may see the document may fetch them.
CREATE TABLE document_files (
    document_id   BIGINT NOT NULL REFERENCES documents (id),
    hash          TEXT NOT NULL,
    media_type    TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    PRIMARY KEY (document_id, hash)
);

-- Files (signatures, photos) by the SHA-256 of their content, when they are kept in the database.
CREATE TABLE blobs (
    hash          TEXT PRIMARY KEY,
    media_type    TEXT NOT NULL,
    size          BIGINT NOT NULL,
    data          {{BYTES}} NOT NULL,
    created_at_ms BIGINT NOT NULL
);
