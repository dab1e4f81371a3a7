-- PostgreSQL keeps its GIN search indexes (0011) up to date itself; SQLite's batching (the .sqlite.sql file) has
-- nothing to do here.
SELECT 1;
