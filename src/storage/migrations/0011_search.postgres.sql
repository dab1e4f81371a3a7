-- Substring search over customers, repair tickets, contracts and delivery jobs (storage/text_search.hpp): a GIN
-- index of each search_text's one- and two-character grams. A term's grams (ac_query_grams: a single character,
-- or the term's pairs) narrow the rows through the index; LIKE then keeps those where the term stands whole.
-- search_text and the terms are lower-cased by the application, so the functions do not depend on the locale.
CREATE FUNCTION ac_grams(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(w, i, n)), '{}')
    FROM regexp_split_to_table($1, '\s+') AS w, generate_series(1, char_length(w)) AS i, (VALUES (1), (2)) AS k (n)
    WHERE i + n - 1 <= char_length(w)
$$;
CREATE FUNCTION ac_query_grams(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN char_length($1) = 1 THEN ARRAY[$1]
                ELSE ARRAY(SELECT substr($1, i, 2) FROM generate_series(1, char_length($1) - 1) AS i) END
$$;
CREATE INDEX ix_customers_search ON customers USING gin (ac_grams(search_text));
CREATE INDEX ix_repair_tickets_search ON repair_tickets USING gin (ac_grams(search_text));
CREATE INDEX ix_contracts_search ON contracts USING gin (ac_grams(search_text));
CREATE INDEX ix_delivery_jobs_search ON delivery_jobs USING gin (ac_grams(search_text));
