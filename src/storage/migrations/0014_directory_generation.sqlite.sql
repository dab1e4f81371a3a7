-- Who holds a role where and a store's time zone (auth/directory.hpp) are asked by every registration; the answers
-- are kept between transactions and labelled with the token of this one-row table. Every change to staff,
-- staff_roles or stores, by any connection or process, draws a new token in the same transaction, so a cached answer is used only while the
-- token a transaction reads is the one it was computed under. A token is random: one drawn by a transaction that
-- rolled back never comes back for another change.
CREATE TABLE directory_generation (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    token BIGINT NOT NULL
);
INSERT INTO directory_generation (id, token) VALUES (1, random());

CREATE TRIGGER staff_generation_insert AFTER INSERT ON staff BEGIN
    UPDATE directory_generation SET token = random() WHERE id = 1;
END;
CREATE TRIGGER staff_generation_update AFTER UPDATE ON staff BEGIN
    UPDATE directory_generation SET token = random() WHERE id = 1;
END;
CREATE TRIGGER staff_generation_delete AFTER DELETE ON staff BEGIN
    UPDATE directory_generation SET token = random() WHERE id = 1;
END;
CREATE TRIGGER staff_roles_generation_insert AFTER INSERT ON staff_roles BEGIN
    UPDATE directory_generation SET token = random() WHERE id = 1;
END;
CREATE TRIGGER staff_roles_generation_update AFTER UPDATE ON staff_roles BEGIN
    UPDATE directory_generation SET token = random() WHERE id = 1;
END;
CREATE TRIGGER staff_roles_generation_delete AFTER DELETE ON staff_roles BEGIN
    UPDATE directory_generation SET token = random() WHERE id = 1;
END;
CREATE TRIGGER stores_generation_insert AFTER INSERT ON stores BEGIN
    UPDATE directory_generation SET token = random() WHERE id = 1;
END;
CREATE TRIGGER stores_generation_update AFTER UPDATE ON stores BEGIN
    UPDATE directory_generation SET token = random() WHERE id = 1;
END;
CREATE TRIGGER stores_generation_delete AFTER DELETE ON stores BEGIN
    UPDATE directory_generation SET token = random() WHERE id = 1;
END;
