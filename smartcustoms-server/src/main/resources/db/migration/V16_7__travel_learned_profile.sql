-- Travellers (issue 14): what the learned traveller profile learns from. The passenger-data facts of each traveller sent
-- to the counter (no name, no document number), and, once the officer records a result, whether something was found
-- and when. Rebuilt into memory at start (results only). Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE travel_referral_facts (
    gate_event_id      BIGINT        PRIMARY KEY,
    flight             VARCHAR(10)   NOT NULL,
    departure          VARCHAR(8)    NOT NULL,
    nationality        VARCHAR(8)    NOT NULL,
    document_country   VARCHAR(8)    NOT NULL,
    sex                VARCHAR(8)    NOT NULL,
    age                INT           NOT NULL,
    group_size         INT           NOT NULL,
    on_passenger_list  BOOLEAN       NOT NULL,
    referred_at        TIMESTAMP     NOT NULL,
    finding            BOOLEAN,
    result_at          TIMESTAMP
);
CREATE INDEX ix_travel_referral_facts_result ON travel_referral_facts (result_at);
