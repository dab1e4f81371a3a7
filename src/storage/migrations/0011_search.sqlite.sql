-- Substring search over customers, repair tickets, contracts and delivery jobs (storage/text_search.hpp): an
-- FTS5 table per table over its search_text (for a document, followed by its number), cut into character
-- pairs by the ac_bigram tokenizer that every connection registers (storage/sqlite/bigram_tokenizer.hpp), with
-- a prefix index of single characters for one-character terms; kept in step by triggers. The content of a
-- document's search table is a view that appends the number and a store marker "#<store id>#", so that a search
-- within one store is narrowed inside the index; 'rebuild' indexes the same text as the triggers.

CREATE VIRTUAL TABLE customers_search USING fts5(search_text, content='customers', content_rowid='id',
                                              tokenize='ac_bigram', prefix='1');
INSERT INTO customers_search (customers_search) VALUES ('rebuild');
CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_search (customers_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text ON customers BEGIN
    INSERT INTO customers_search (customers_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO customers_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE VIEW repair_tickets_search_content AS
    SELECT x.document_id AS document_id, x.search_text || char(10) || lower(d.number) || char(10) || '#' || d.store_id || '#' AS search_text
    FROM repair_tickets x JOIN documents d ON d.id = x.document_id;

CREATE VIRTUAL TABLE repair_tickets_search USING fts5(search_text, content='repair_tickets_search_content', content_rowid='document_id',
                                              tokenize='ac_bigram', prefix='1');
INSERT INTO repair_tickets_search (repair_tickets_search) VALUES ('rebuild');
CREATE TRIGGER repair_tickets_search_insert AFTER INSERT ON repair_tickets BEGIN
    INSERT INTO repair_tickets_search (rowid, search_text) VALUES (new.document_id, new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id));
END;
CREATE TRIGGER repair_tickets_search_delete AFTER DELETE ON repair_tickets BEGIN
    INSERT INTO repair_tickets_search (repair_tickets_search, rowid, search_text) VALUES ('delete', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id));
END;
CREATE TRIGGER repair_tickets_search_update AFTER UPDATE OF search_text ON repair_tickets BEGIN
    INSERT INTO repair_tickets_search (repair_tickets_search, rowid, search_text) VALUES ('delete', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id));
    INSERT INTO repair_tickets_search (rowid, search_text) VALUES (new.document_id, new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id));
END;

CREATE VIEW contracts_search_content AS
    SELECT x.document_id AS document_id, x.search_text || char(10) || lower(d.number) || char(10) || '#' || d.store_id || '#' AS search_text
    FROM contracts x JOIN documents d ON d.id = x.document_id;

CREATE VIRTUAL TABLE contracts_search USING fts5(search_text, content='contracts_search_content', content_rowid='document_id',
                                              tokenize='ac_bigram', prefix='1');
INSERT INTO contracts_search (contracts_search) VALUES ('rebuild');
CREATE TRIGGER contracts_search_insert AFTER INSERT ON contracts BEGIN
    INSERT INTO contracts_search (rowid, search_text) VALUES (new.document_id, new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id));
END;
CREATE TRIGGER contracts_search_delete AFTER DELETE ON contracts BEGIN
    INSERT INTO contracts_search (contracts_search, rowid, search_text) VALUES ('delete', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id));
END;
CREATE TRIGGER contracts_search_update AFTER UPDATE OF search_text ON contracts BEGIN
    INSERT INTO contracts_search (contracts_search, rowid, search_text) VALUES ('delete', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id));
    INSERT INTO contracts_search (rowid, search_text) VALUES (new.document_id, new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id));
END;

CREATE VIEW delivery_jobs_search_content AS
    SELECT x.document_id AS document_id, x.search_text || char(10) || lower(d.number) || char(10) || '#' || d.store_id || '#' AS search_text
    FROM delivery_jobs x JOIN documents d ON d.id = x.document_id;

CREATE VIRTUAL TABLE delivery_jobs_search USING fts5(search_text, content='delivery_jobs_search_content', content_rowid='document_id',
                                              tokenize='ac_bigram', prefix='1');
INSERT INTO delivery_jobs_search (delivery_jobs_search) VALUES ('rebuild');
CREATE TRIGGER delivery_jobs_search_insert AFTER INSERT ON delivery_jobs BEGIN
    INSERT INTO delivery_jobs_search (rowid, search_text) VALUES (new.document_id, new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id));
END;
CREATE TRIGGER delivery_jobs_search_delete AFTER DELETE ON delivery_jobs BEGIN
    INSERT INTO delivery_jobs_search (delivery_jobs_search, rowid, search_text) VALUES ('delete', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id));
END;
CREATE TRIGGER delivery_jobs_search_update AFTER UPDATE OF search_text ON delivery_jobs BEGIN
    INSERT INTO delivery_jobs_search (delivery_jobs_search, rowid, search_text) VALUES ('delete', old.document_id, old.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = old.document_id));
    INSERT INTO delivery_jobs_search (rowid, search_text) VALUES (new.document_id, new.search_text || char(10) ||
        (SELECT lower(number) || char(10) || '#' || store_id || '#' FROM documents WHERE id = new.document_id));
END;
