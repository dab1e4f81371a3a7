-- Search indexing in batches (SQLite). SQLite's FTS5 writes its pending index out as a new segment at every savepoint,
-- and every write transaction that joins a commit group runs in one (storage/sqlite); with the triggers of 0011
-- writing the search tables directly, each registration made a segment to merge. Now the triggers only note the
-- change in search_pending, an ordinary table, and the writer that commits a group moves the notes into the search
-- tables just before its COMMIT, outside any savepoint: one index flush per group, in the same commit as the data,
-- so a search never lags a write.
--
-- A note keeps, per row, the text in the index when the row was first changed since the last flush (indexed_text;
-- NULL: none) and the text to index now (current_text; NULL: the row is gone), so a row changed several times in one
-- group is removed once with the text the index holds and added once with its last text. The triggers use UPSERT;
-- the tables they watch are never written with INSERT OR REPLACE / OR IGNORE, which would override it.

CREATE TABLE search_pending (
    target TEXT NOT NULL,  -- the searched table; its search table is <target>_search
    row_id INTEGER NOT NULL,
    indexed_text TEXT,
    current_text TEXT,
    PRIMARY KEY (target, row_id)
) WITHOUT ROWID;

DROP TRIGGER customers_search_insert;
DROP TRIGGER customers_search_delete;
DROP TRIGGER customers_search_update;
CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('customers', new.id, NULL, new.search_text)
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = excluded.current_text;
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('customers', old.id, old.search_text, NULL)
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = NULL;
END;
CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text ON customers BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('customers', old.id, old.search_text, new.search_text)
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = excluded.current_text;
END;

DROP TRIGGER repair_tickets_search_insert;
DROP TRIGGER repair_tickets_search_delete;
DROP TRIGGER repair_tickets_search_update;
CREATE TRIGGER repair_tickets_search_insert AFTER INSERT ON repair_tickets BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('repair_tickets', new.document_id, NULL, new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id))
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = excluded.current_text;
END;
CREATE TRIGGER repair_tickets_search_delete AFTER DELETE ON repair_tickets BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('repair_tickets', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id), NULL)
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = NULL;
END;
CREATE TRIGGER repair_tickets_search_update AFTER UPDATE OF search_text ON repair_tickets BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('repair_tickets', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id), new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id))
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = excluded.current_text;
END;

DROP TRIGGER contracts_search_insert;
DROP TRIGGER contracts_search_delete;
DROP TRIGGER contracts_search_update;
CREATE TRIGGER contracts_search_insert AFTER INSERT ON contracts BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('contracts', new.document_id, NULL, new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id))
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = excluded.current_text;
END;
CREATE TRIGGER contracts_search_delete AFTER DELETE ON contracts BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('contracts', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id), NULL)
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = NULL;
END;
CREATE TRIGGER contracts_search_update AFTER UPDATE OF search_text ON contracts BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('contracts', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id), new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id))
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = excluded.current_text;
END;

DROP TRIGGER delivery_jobs_search_insert;
DROP TRIGGER delivery_jobs_search_delete;
DROP TRIGGER delivery_jobs_search_update;
CREATE TRIGGER delivery_jobs_search_insert AFTER INSERT ON delivery_jobs BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('delivery_jobs', new.document_id, NULL, new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id))
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = excluded.current_text;
END;
CREATE TRIGGER delivery_jobs_search_delete AFTER DELETE ON delivery_jobs BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('delivery_jobs', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id), NULL)
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = NULL;
END;
CREATE TRIGGER delivery_jobs_search_update AFTER UPDATE OF search_text ON delivery_jobs BEGIN
    INSERT INTO search_pending (target, row_id, indexed_text, current_text) VALUES ('delivery_jobs', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id), new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id))
        ON CONFLICT (target, row_id) DO UPDATE SET current_text = excluded.current_text;
END;
