-- Trade statistics (published, disclosure-protected tables) and research access (projects, extracts).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE stat_table (
    id               VARCHAR(32)   NOT NULL PRIMARY KEY,
    name             VARCHAR(200)  NOT NULL,
    flow             VARCHAR(8)    NOT NULL,
    period_from      VARCHAR(7)    NOT NULL,
    period_to        VARCHAR(7)    NOT NULL,
    dimensions       VARCHAR(100)  NOT NULL,
    status           VARCHAR(12)   NOT NULL,
    published        TEXT,
    created_by       VARCHAR(64)   NOT NULL,
    created_at       TIMESTAMP     NOT NULL,
    published_at     TIMESTAMP
);
CREATE INDEX ix_stat_table_status ON stat_table (status, created_at);

CREATE TABLE research_project (
    id               VARCHAR(32)   NOT NULL PRIMARY KEY,
    researcher       VARCHAR(64)   NOT NULL,
    title            VARCHAR(300)  NOT NULL,
    institution      VARCHAR(300)  NOT NULL,
    purpose          VARCHAR(4000) NOT NULL,
    legal_basis      VARCHAR(500)  NOT NULL,
    period_from      VARCHAR(7)    NOT NULL,
    period_to        VARCHAR(7)    NOT NULL,
    end_date         DATE          NOT NULL,
    fields           VARCHAR(500)  NOT NULL,
    hs_chapters      VARCHAR(1000) NOT NULL,
    flows            VARCHAR(30)   NOT NULL,
    status           VARCHAR(12)   NOT NULL,
    secret           VARCHAR(64),
    decided_by       VARCHAR(64),
    decision_reason  VARCHAR(1000),
    created_at       TIMESTAMP     NOT NULL,
    decided_at       TIMESTAMP
);
CREATE INDEX ix_research_project_researcher ON research_project (researcher, created_at);

CREATE TABLE research_extract (
    id               VARCHAR(32)   NOT NULL PRIMARY KEY,
    project_id       VARCHAR(32)   NOT NULL,
    requested_by     VARCHAR(64)   NOT NULL,
    scope            VARCHAR(4000) NOT NULL,
    expires_at       TIMESTAMP     NOT NULL,
    downloaded_at    TIMESTAMP,
    row_count        BIGINT,
    fingerprint      VARCHAR(64),
    created_at       TIMESTAMP     NOT NULL,
    CONSTRAINT fk_extract_project FOREIGN KEY (project_id) REFERENCES research_project (id)
);
CREATE INDEX ix_research_extract_project ON research_extract (project_id, created_at);
