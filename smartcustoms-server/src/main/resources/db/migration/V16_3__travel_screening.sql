-- Travellers (issue 14): passenger data the rules read (airport of embarkation, document issuing country, size of the
-- booking group; the booking reference itself is not kept), analysts' passenger-data rules, the rules each gate referral
-- hit, and the seizure an officer's result recorded. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

ALTER TABLE travel_passenger ADD COLUMN departure VARCHAR(3) DEFAULT '' NOT NULL;
ALTER TABLE travel_passenger ADD COLUMN document_country VARCHAR(3) DEFAULT '' NOT NULL;
ALTER TABLE travel_passenger ADD COLUMN group_size INT DEFAULT 1 NOT NULL;

CREATE TABLE travel_passenger_rule (
    id           VARCHAR(20)   PRIMARY KEY,
    name         VARCHAR(100)  NOT NULL,
    expression   TEXT          NOT NULL,
    reason       VARCHAR(300)  NOT NULL,
    enabled      BOOLEAN       NOT NULL,
    created_by   VARCHAR(100)  NOT NULL,
    created_at   TIMESTAMP     NOT NULL
);

-- Which passenger-data rules sent a traveller to the counter: with the officer's result, each rule's hit rate.
CREATE TABLE travel_rule_hit (
    gate_event_id  BIGINT        NOT NULL,
    rule_id        VARCHAR(20)   NOT NULL,
    PRIMARY KEY (gate_event_id, rule_id)
);
CREATE INDEX ix_travel_rule_hit_rule ON travel_rule_hit (rule_id);

ALTER TABLE travel_gate_event ADD COLUMN seizure_id VARCHAR(20);

-- PROHIBITED_GOODS_SEIZED (23 characters) did not fit the result column of V14.
ALTER TABLE travel_gate_event ALTER COLUMN result SET DATA TYPE VARCHAR(30);
