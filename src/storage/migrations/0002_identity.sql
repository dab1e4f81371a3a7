-- Stores, staff and how they sign in (sessions, API tokens, failed sign-in attempts).
-- Booleans are INTEGER 0/1 and instants epoch milliseconds on both databases.

CREATE TABLE stores (
    id            {{ID}},
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    time_zone     TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version       BIGINT NOT NULL DEFAULT 1,
    created_at_ms BIGINT NOT NULL,
    created_by    BIGINT,
    updated_at_ms BIGINT NOT NULL,
    updated_by    BIGINT
);
CREATE UNIQUE INDEX ux_stores_code ON stores (code);

-- A staff member belongs to one store; store_id NULL is the head office (sees every store).
CREATE TABLE staff (
    id                     {{ID}},
    username               TEXT NOT NULL,
    name                   TEXT NOT NULL,
    phone                  TEXT,
    employee_no            TEXT,
    store_id               BIGINT REFERENCES stores (id),
    active                 INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    password_hash          TEXT,
    password_changed_at_ms BIGINT,
    version                BIGINT NOT NULL DEFAULT 1,
    created_at_ms          BIGINT NOT NULL,
    created_by             BIGINT,
    updated_at_ms          BIGINT NOT NULL,
    updated_by             BIGINT
);
CREATE UNIQUE INDEX ux_staff_username ON staff (username);
CREATE UNIQUE INDEX ux_staff_phone ON staff (phone);
CREATE UNIQUE INDEX ux_staff_employee_no ON staff (employee_no);
CREATE INDEX ix_staff_store ON staff (store_id);

CREATE TABLE staff_roles (
    staff_id BIGINT NOT NULL REFERENCES staff (id),
    role     TEXT NOT NULL,
    PRIMARY KEY (staff_id, role)
);
CREATE INDEX ix_staff_roles_role ON staff_roles (role);

-- What a field worker can do, for dispatch ("沙发维修", "橱柜安装").
CREATE TABLE staff_skills (
    staff_id BIGINT NOT NULL REFERENCES staff (id),
    skill    TEXT NOT NULL,
    PRIMARY KEY (staff_id, skill)
);

-- A browser session. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    id              {{ID}},
    token_hash      TEXT NOT NULL,
    staff_id        BIGINT NOT NULL REFERENCES staff (id),
    csrf_token      TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    last_seen_at_ms BIGINT NOT NULL,
    expires_at_ms   BIGINT NOT NULL,
    revoked_at_ms   BIGINT,
    remote          TEXT NOT NULL DEFAULT '',
    user_agent      TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX ux_sessions_token ON sessions (token_hash);
CREATE INDEX ix_sessions_staff ON sessions (staff_id);

-- A bearer token for integrations and scripts, acting as its staff member. Only its SHA-256 is stored.
CREATE TABLE api_tokens (
    id              {{ID}},
    token_hash      TEXT NOT NULL,
    prefix          TEXT NOT NULL,
    staff_id        BIGINT NOT NULL REFERENCES staff (id),
    name            TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    created_by      BIGINT,
    last_used_at_ms BIGINT,
    revoked_at_ms   BIGINT
);
CREATE UNIQUE INDEX ux_api_tokens_token ON api_tokens (token_hash);
CREATE INDEX ix_api_tokens_staff ON api_tokens (staff_id);

-- Failed sign-ins, for the limits per account and per client address.
CREATE TABLE login_failures (
    id      {{ID}},
    account TEXT NOT NULL,
    remote  TEXT NOT NULL,
    at_ms   BIGINT NOT NULL
);
CREATE INDEX ix_login_failures_account ON login_failures (account, at_ms);
CREATE INDEX ix_login_failures_remote ON login_failures (remote, at_ms);
