-- The token of who holds a role where and of the stores' time zones (see the .sqlite.sql file): every statement
-- that changes staff, staff_roles or stores draws the next value of a sequence, which is never handed out twice, even when the transaction
-- that drew it rolls back.
CREATE SEQUENCE directory_generation_seq;
CREATE TABLE directory_generation (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    token BIGINT NOT NULL
);
INSERT INTO directory_generation (id, token) VALUES (1, nextval('directory_generation_seq'));

CREATE FUNCTION directory_generation_next() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_generation SET token = nextval('directory_generation_seq') WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER staff_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_next();
CREATE TRIGGER staff_roles_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_roles
    FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_next();
CREATE TRIGGER stores_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stores
    FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_next();
