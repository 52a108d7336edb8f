-- Engine state (issue #16): each stateful engine's latest snapshot, one row per engine, replaced by
-- every later snapshot (a higher sequence). The engine host acknowledges a bus input only once a
-- stored snapshot includes it; a restarted engine restores this row and is delivered what came
-- after it again (recent_ids drops the redeliveries of inputs the row already includes).
--   sequence:   1 for the engine's first snapshot, one more for each later one, across restarts
--   handled:    inputs the state includes, across restarts
--   state:      the engine's own state, JSON text (the engine's to read)
--   recent_ids: JSON array of the latest included input ids, oldest first
--   session:    the run it belongs to: up --processes gives each launch that replays from the start
--               its own, and an engine restores only a snapshot of its run ('' for none)
create table engine_state (
    engine text primary key,
    sequence bigint not null check (sequence >= 1),
    handled bigint not null check (handled >= 0),
    state text not null,
    recent_ids text not null,
    saved_at timestamptz not null,
    session text not null
);
