-- Changes behind a signed-in staff session, announced at commit (NOTIFY is transactional) on `staff_changes` to
-- every API process, which drops the sessions it resolved from those rows (domain/src/staff/session-cache.ts).
-- Tags: s:<session id>, u:<staff user id>, o:<organisation id>, h:<house id>; '*' for a truncate or more than 100
-- tags (a payload must stay under 8000 bytes). One notification per statement; none when nothing relevant changed
-- (a staff user's last login time, say).
CREATE FUNCTION notify_staff_changes(tags text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF tags IS NULL OR cardinality(tags) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_notify('staff_changes',
    CASE WHEN cardinality(tags) > 100 THEN '*' ELSE array_to_string(tags, ',') END);
END
$$;

CREATE FUNCTION staff_sessions_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM notify_staff_changes(ARRAY['*']::text[]);
  ELSE
    -- UPDATE and DELETE: a session's id never changes, the old rows name them all.
    PERFORM notify_staff_changes((SELECT array_agg(DISTINCT 's:' || id) FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION staff_users_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM notify_staff_changes(ARRAY['*']::text[]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM notify_staff_changes((SELECT array_agg(DISTINCT 'u:' || id) FROM old_rows));
  ELSE
    PERFORM notify_staff_changes((
      SELECT array_agg(DISTINCT 'u:' || o.id) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.email, o.full_name, o.active, o.organization_id)
        IS DISTINCT FROM (n.email, n.full_name, n.active, n.organization_id)));
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION staff_roles_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM notify_staff_changes(ARRAY['*']::text[]);
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM notify_staff_changes((SELECT array_agg(DISTINCT 'u:' || staff_user_id) FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM notify_staff_changes((SELECT array_agg(DISTINCT 'u:' || staff_user_id) FROM old_rows));
  ELSE
    PERFORM notify_staff_changes((SELECT array_agg(DISTINCT 'u:' || staff_user_id)
      FROM (SELECT staff_user_id FROM old_rows UNION ALL SELECT staff_user_id FROM new_rows) changed));
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION organizations_staff_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM notify_staff_changes(ARRAY['*']::text[]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM notify_staff_changes((SELECT array_agg(DISTINCT 'o:' || id) FROM old_rows));
  ELSE
    PERFORM notify_staff_changes((SELECT array_agg(DISTINCT 'o:' || o.id)
      FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.name IS DISTINCT FROM n.name));
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION houses_staff_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM notify_staff_changes(ARRAY['*']::text[]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM notify_staff_changes((SELECT array_agg(DISTINCT 'h:' || id) FROM old_rows));
  ELSE
    PERFORM notify_staff_changes((SELECT array_agg(DISTINCT 'h:' || o.id)
      FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.address IS DISTINCT FROM n.address));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER staff_sessions_notify_update AFTER UPDATE ON staff_sessions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_sessions_notify();
CREATE TRIGGER staff_sessions_notify_delete AFTER DELETE ON staff_sessions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_sessions_notify();
CREATE TRIGGER staff_sessions_notify_truncate AFTER TRUNCATE ON staff_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION staff_sessions_notify();

CREATE TRIGGER staff_users_notify_update AFTER UPDATE ON staff_users
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_users_notify();
CREATE TRIGGER staff_users_notify_delete AFTER DELETE ON staff_users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_users_notify();
CREATE TRIGGER staff_users_notify_truncate AFTER TRUNCATE ON staff_users
  FOR EACH STATEMENT EXECUTE FUNCTION staff_users_notify();

CREATE TRIGGER staff_roles_notify_insert AFTER INSERT ON staff_roles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_roles_notify();
CREATE TRIGGER staff_roles_notify_update AFTER UPDATE ON staff_roles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_roles_notify();
CREATE TRIGGER staff_roles_notify_delete AFTER DELETE ON staff_roles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_roles_notify();
CREATE TRIGGER staff_roles_notify_truncate AFTER TRUNCATE ON staff_roles
  FOR EACH STATEMENT EXECUTE FUNCTION staff_roles_notify();

CREATE TRIGGER organizations_staff_notify_update AFTER UPDATE ON organizations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organizations_staff_notify();
CREATE TRIGGER organizations_staff_notify_delete AFTER DELETE ON organizations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organizations_staff_notify();
CREATE TRIGGER organizations_staff_notify_truncate AFTER TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION organizations_staff_notify();

CREATE TRIGGER houses_staff_notify_update AFTER UPDATE ON houses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION houses_staff_notify();
CREATE TRIGGER houses_staff_notify_delete AFTER DELETE ON houses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION houses_staff_notify();
CREATE TRIGGER houses_staff_notify_truncate AFTER TRUNCATE ON houses
  FOR EACH STATEMENT EXECUTE FUNCTION houses_staff_notify();
