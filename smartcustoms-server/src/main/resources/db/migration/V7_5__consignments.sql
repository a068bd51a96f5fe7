-- Low-value consignments (e-commerce manifests): one row per manifest, per stored consignment (with its assessment,
-- decision and the submitter's release notification) and per problem of a rejected row.
-- A consignment id is stored once per submitter (the primary key, id first so that "id IN (...)" uses it on H2 too),
-- whatever manifest brings it again.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE lvc_manifest (
    id                  VARCHAR(40)   PRIMARY KEY,
    reference           VARCHAR(70)   NOT NULL,
    submitter_party     VARCHAR(35)   NOT NULL,
    submitter_kind      VARCHAR(10)   NOT NULL,
    submitted_by        VARCHAR(100)  NOT NULL,
    format              VARCHAR(12)   NOT NULL,
    arrival_date        DATE          NOT NULL,
    received_at         TIMESTAMP     NOT NULL,
    content_sha256      VARCHAR(64)   NOT NULL,
    content_bytes       BIGINT        NOT NULL,
    rows_read           INT           NOT NULL,
    accepted            INT           NOT NULL,
    rejected            INT           NOT NULL,
    duplicates          INT           NOT NULL,
    released            INT           NOT NULL,
    held                INT           NOT NULL,
    duty_total          DECIMAL(20,2) NOT NULL,
    excise_total        DECIMAL(20,2) NOT NULL,
    vat_total           DECIMAL(20,2) NOT NULL,
    national_currency   VARCHAR(3)    NOT NULL
);
CREATE INDEX ix_lvc_manifest_party ON lvc_manifest (submitter_party, received_at);

CREATE TABLE lvc_consignment (
    submitter_party     VARCHAR(35)   NOT NULL,
    consignment_id      VARCHAR(70)   NOT NULL,
    manifest_id         VARCHAR(40)   NOT NULL,
    row_no              INT           NOT NULL,
    house_document      VARCHAR(70)   NOT NULL,
    master_document     VARCHAR(70),
    seller_id           VARCHAR(35),
    seller_name         VARCHAR(140)  NOT NULL,
    seller_country      VARCHAR(2)    NOT NULL,
    buyer_id            VARCHAR(35),
    buyer_name          VARCHAR(140)  NOT NULL,
    buyer_country       VARCHAR(2)    NOT NULL,
    buyer_postcode      VARCHAR(17),
    buyer_key           VARCHAR(200)  NOT NULL,
    seller_key          VARCHAR(200)  NOT NULL,
    platform_id         VARCHAR(35),
    description         VARCHAR(512)  NOT NULL,
    hs6                 VARCHAR(6)    NOT NULL,
    quantity            DECIMAL(24,6) NOT NULL,
    gross_mass_kg       DECIMAL(24,6),
    item_value          DECIMAL(24,6) NOT NULL,
    currency            VARCHAR(3)    NOT NULL,
    origin              VARCHAR(2)    NOT NULL,
    dispatch_country    VARCHAR(2),
    arrival_date        DATE          NOT NULL,
    customs_value       DECIMAL(20,2) NOT NULL,
    duty                DECIMAL(20,2) NOT NULL,
    excise              DECIMAL(20,2) NOT NULL,
    vat                 DECIMAL(20,2) NOT NULL,
    total               DECIMAL(20,2) NOT NULL,
    national_currency   VARCHAR(3)    NOT NULL,
    duty_relieved       BOOLEAN       NOT NULL,
    vat_relieved        BOOLEAN       NOT NULL,
    status              VARCHAR(10)   NOT NULL,
    score               INT           NOT NULL,
    reasons             VARCHAR(4000) NOT NULL,
    notice              VARCHAR(600)  NOT NULL,
    decided_at          TIMESTAMP     NOT NULL,
    CONSTRAINT pk_lvc_consignment PRIMARY KEY (consignment_id, submitter_party),
    CONSTRAINT fk_lvc_consignment_manifest FOREIGN KEY (manifest_id) REFERENCES lvc_manifest (id)
);
CREATE INDEX ix_lvc_consignment_manifest ON lvc_consignment (manifest_id, status, row_no);
CREATE INDEX ix_lvc_consignment_buyer ON lvc_consignment (buyer_key, arrival_date);

CREATE TABLE lvc_manifest_problem (
    manifest_id         VARCHAR(40)   NOT NULL,
    row_no              INT           NOT NULL,
    seq                 INT           NOT NULL,
    consignment_id      VARCHAR(70),
    code                VARCHAR(20)   NOT NULL,
    field               VARCHAR(40)   NOT NULL,
    message             VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_lvc_manifest_problem PRIMARY KEY (manifest_id, row_no, seq),
    CONSTRAINT fk_lvc_manifest_problem_manifest FOREIGN KEY (manifest_id) REFERENCES lvc_manifest (id)
);
