-- Indexes for the look-ups a document's page makes, found by the scale benchmarks (bench/README.md).
CREATE INDEX ix_repair_follow_ups_document ON repair_follow_ups (document_id);
CREATE INDEX ix_repair_receipts_document ON repair_receipts (document_id);
CREATE INDEX ix_delivery_follow_ups_document ON delivery_follow_ups (document_id);
CREATE INDEX ix_sla_breaches_document ON sla_breaches (document_id);
CREATE INDEX ix_contracts_customer ON contracts (customer_id);
CREATE INDEX ix_stock_movements_contract ON stock_movements (contract_id);
