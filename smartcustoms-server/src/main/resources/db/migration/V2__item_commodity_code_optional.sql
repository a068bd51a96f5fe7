-- Declarations whose goods data are deferred (UK CDS additional declaration types J, K, Q; see
-- DeclarationValidator.DEFERRED_GOODS_DATA) have items without a commodity code.
ALTER TABLE declaration_item ALTER COLUMN commodity_code DROP NOT NULL;
