BEGIN;
--
-- Change managers on note
--
--
-- Change managers on tag
--
COMMIT;
