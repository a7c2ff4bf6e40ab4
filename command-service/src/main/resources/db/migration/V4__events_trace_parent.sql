-- The W3C traceparent of the command that wrote an event, committed with it, so that the relay can
-- send it on as the NATS message's traceparent header and the projector continue the trace. NULL
-- when tracing is off, and for events written before.
ALTER TABLE events ADD COLUMN trace_parent text;
