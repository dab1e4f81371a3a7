-- Installation-wide settings: small named values that belong to no store (the installation id, for a start).
CREATE TABLE settings (
    key           TEXT PRIMARY KEY,
    value         TEXT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
