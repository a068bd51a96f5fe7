-- Output checking (issue 16): result tables researchers submit for release, the disclosure check's findings and the
-- data steward's decision. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE research_output (
    id               VARCHAR(32)   NOT NULL PRIMARY KEY,
    project_id       VARCHAR(32)   NOT NULL,
    researcher       VARCHAR(64)   NOT NULL,
    title            VARCHAR(300)  NOT NULL,
    flow             VARCHAR(8)    NOT NULL,
    dimensions       VARCHAR(100)  NOT NULL,
    table_csv        TEXT          NOT NULL,
    findings         TEXT          NOT NULL,
    flagged_cells    INTEGER       NOT NULL,
    status           VARCHAR(12)   NOT NULL,
    decided_by       VARCHAR(64),
    decision_reason  VARCHAR(2000),
    created_at       TIMESTAMP     NOT NULL,
    decided_at       TIMESTAMP,
    CONSTRAINT fk_output_project FOREIGN KEY (project_id) REFERENCES research_project (id)
);
CREATE INDEX ix_research_output_project ON research_output (project_id, created_at);
