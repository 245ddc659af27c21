-- Ticket changes, announced at commit (NOTIFY is transactional) to every API process listening on
-- `ticket_changes`: the payload is the comma-separated ids of the houses whose tickets a statement touched, or
-- '*' when it touched many houses or emptied the table. The processes drop cached inbox pages of those houses
-- (domain/src/tickets/inbox/inbox-cache.ts). One notification per statement, whatever the number of rows.
CREATE FUNCTION notify_ticket_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  houses text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    houses := '*';
  ELSIF TG_OP = 'INSERT' THEN
    SELECT CASE WHEN count(DISTINCT house_id) > 100 THEN '*' ELSE string_agg(DISTINCT house_id, ',') END
      INTO houses FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT CASE WHEN count(DISTINCT house_id) > 100 THEN '*' ELSE string_agg(DISTINCT house_id, ',') END
      INTO houses FROM old_rows;
  ELSE
    -- Both sides: a ticket moved to another house leaves the old house's pages too.
    SELECT CASE WHEN count(DISTINCT house_id) > 100 THEN '*' ELSE string_agg(DISTINCT house_id, ',') END
      INTO houses FROM (SELECT house_id FROM new_rows UNION ALL SELECT house_id FROM old_rows) changed;
  END IF;
  IF houses IS NOT NULL THEN
    PERFORM pg_notify('ticket_changes', houses);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER tickets_notify_insert AFTER INSERT ON tickets
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_ticket_changes();
CREATE TRIGGER tickets_notify_update AFTER UPDATE ON tickets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_ticket_changes();
CREATE TRIGGER tickets_notify_delete AFTER DELETE ON tickets
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_ticket_changes();
CREATE TRIGGER tickets_notify_truncate AFTER TRUNCATE ON tickets
  FOR EACH STATEMENT EXECUTE FUNCTION notify_ticket_changes();
