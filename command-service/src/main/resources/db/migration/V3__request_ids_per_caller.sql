-- Request ids are scoped per caller: two callers may use the same id without colliding, and
-- neither can read the other's stored response. Rows written before authentication existed
-- belong to the anonymous caller, ''.
ALTER TABLE command_requests ADD COLUMN caller text NOT NULL DEFAULT '';
ALTER TABLE command_requests
    DROP CONSTRAINT command_requests_pkey,
    ADD PRIMARY KEY (caller, request_id);
