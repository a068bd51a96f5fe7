-- Enforcement exchange (issue 13, second part): imported files (their SHA-256 fingerprint refuses a second import of
-- the same file) and photos of concealment methods (re-encoded, metadata stripped). Portable: H2 2.x and PostgreSQL.

CREATE TABLE enf_import (
    fingerprint         VARCHAR(64)   PRIMARY KEY,
    file_name           VARCHAR(200),
    seizures            INTEGER       NOT NULL,
    first_seizure       VARCHAR(20),
    imported_by         VARCHAR(100)  NOT NULL,
    imported_at         TIMESTAMP     NOT NULL
);

CREATE TABLE enf_photo (
    id                  VARCHAR(20)   PRIMARY KEY,
    seizure_id          VARCHAR(20)   NOT NULL REFERENCES enf_seizure (id),
    media_type          VARCHAR(40)   NOT NULL,
    width               INTEGER       NOT NULL,
    height              INTEGER       NOT NULL,
    caption             VARCHAR(500),
    content             BYTEA         NOT NULL,
    uploaded_by         VARCHAR(100)  NOT NULL,
    uploaded_at         TIMESTAMP     NOT NULL
);
CREATE INDEX ix_enf_photo_seizure ON enf_photo (seizure_id);

-- F: photos (F-000001)
INSERT INTO enf_counter (name, next_value) VALUES ('F', 1);
