-- Cluster mode (docs/cluster.md, docs/consignments.md): a manifest body the API node took (size-checked and hashed)
-- and queued on the intake log under the manifest id it answered with. A worker decides and stores it from here and
-- deletes the row once the manifest is stored; a manifest that cannot be read at all keeps its row without the body,
-- state REJECTED and the reasons, for the status page. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE manifest_upload (
    manifest_id      VARCHAR(40)   PRIMARY KEY,
    reference        VARCHAR(70)   NOT NULL,
    submitter_party  VARCHAR(35)   NOT NULL,
    submitter_kind   VARCHAR(12)   NOT NULL,
    format           VARCHAR(12)   NOT NULL,
    arrival_date     DATE          NOT NULL,
    submitted_by     VARCHAR(100)  NOT NULL,
    received_at      TIMESTAMP     NOT NULL,
    content_sha256   VARCHAR(64)   NOT NULL,
    content_bytes    BIGINT        NOT NULL,
    state            VARCHAR(12)   NOT NULL,
    problems         VARCHAR(4000),
    body             BYTEA
);
