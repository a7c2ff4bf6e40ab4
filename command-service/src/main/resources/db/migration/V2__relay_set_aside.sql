-- Events the relay can never publish (for example larger than NATS accepts) are set aside rather
-- than retried forever, so that they do not hold up every other event. Later events of the same
-- aggregate wait behind a set-aside one, keeping each aggregate's events in version order. An
-- operator puts an event back for another try by clearing set_aside_at (SetAsideEvents).
ALTER TABLE events
    ADD COLUMN set_aside_at     timestamptz,
    ADD COLUMN set_aside_reason text;
-- Small: only events waiting for an operator.
CREATE INDEX events_set_aside ON events (aggregate_type, aggregate_id) WHERE set_aside_at IS NOT NULL;
