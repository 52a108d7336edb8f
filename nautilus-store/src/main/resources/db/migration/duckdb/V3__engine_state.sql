-- Engine state (issue #16): each stateful engine's latest snapshot; see the PostgreSQL migration.
-- The embedded store serves the whole platform's engines (one process): engine processes of their
-- own need PostgreSQL.
CREATE TABLE engine_state (
    engine VARCHAR PRIMARY KEY,
    sequence BIGINT NOT NULL,
    handled BIGINT NOT NULL,
    state VARCHAR NOT NULL,
    recent_ids VARCHAR NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    session VARCHAR NOT NULL
);
