-- Overrides of the checklist templates modules declare: for the whole chain (store_id 0) or one store.
CREATE TABLE checklist_templates (
    name          TEXT NOT NULL,
    store_id      BIGINT NOT NULL,
    items         TEXT NOT NULL,  -- JSON: [{"key": "...", "zh_cn": "...", "en": "..."}]
    version       BIGINT NOT NULL DEFAULT 1,
    updated_at_ms BIGINT NOT NULL,
    updated_by    BIGINT,
    PRIMARY KEY (name, store_id)
);
