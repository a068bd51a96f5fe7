-- Cluster mode (docs/cluster.md): amendments and cancellations a worker applied from the intake log, keyed by the
-- submission id the API node answered with, written in the same transaction as the change itself. A record read
-- again after a crash finds its row and is answered with the recorded decision instead of being applied twice.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE cluster_applied_change (
    submission_id    VARCHAR(40)   PRIMARY KEY,
    declarant_id     VARCHAR(40)   NOT NULL,
    lrn              VARCHAR(100),
    declaration_id   VARCHAR(40),
    version          INTEGER,
    outcome          VARCHAR(12)   NOT NULL,
    reasons          VARCHAR(4000),
    applied_at       TIMESTAMP     NOT NULL
);
