-- Fails the statement, and so the transaction, when a write changed another number of rows than
-- one. The writes a command holds back (DeferredWrites) are sent together with their COMMIT, so
-- their row counts are checked here, before the COMMIT runs, not by the client after it.
CREATE FUNCTION expect_one_row(changed bigint, what text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF changed <> 1 THEN
    RAISE EXCEPTION '% changed % rows instead of 1', what, changed;
  END IF;
END
$$;
