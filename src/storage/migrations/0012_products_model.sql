-- Registering a repair finds the product by its model (CatalogRepository::FindProductByModel).
CREATE INDEX ix_products_model ON products (model);
