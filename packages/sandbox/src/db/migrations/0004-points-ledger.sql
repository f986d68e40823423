-- The village points ledger (信治积分). Every change of a balance is an entry: entries are only
-- ever inserted (a trigger refuses UPDATE and DELETE), and each member's balance row is kept by
-- a trigger on that insert, in the same transaction, so no balance moves without its entry. The
-- balance is never negative (CHECK): a redemption takes the balance row's lock first, and a
-- concurrent one waits, then sees what is left.
CREATE TABLE point_villages (
  id text PRIMARY KEY,
  name text NOT NULL,
  name_tw text NOT NULL,
  name_en text NOT NULL,
  township text NOT NULL,
  township_en text NOT NULL,
  region_code text NOT NULL REFERENCES regions (code),
  shop text NOT NULL,
  shop_en text NOT NULL
);

CREATE TABLE point_rules (
  village_id text NOT NULL REFERENCES point_villages (id),
  id text NOT NULL,
  position int NOT NULL,
  kind text NOT NULL CHECK (kind IN ('award', 'deduction')),
  name text NOT NULL,
  name_tw text NOT NULL,
  name_en text NOT NULL,
  points int NOT NULL CHECK ((kind = 'award' AND points > 0) OR (kind = 'deduction' AND points < 0)),
  unit text NOT NULL CHECK (unit IN ('time', 'hour', 'month', 'quarter')),
  PRIMARY KEY (village_id, id)
);

CREATE TABLE point_rewards (
  village_id text NOT NULL REFERENCES point_villages (id),
  id text NOT NULL,
  position int NOT NULL,
  name text NOT NULL,
  name_tw text NOT NULL,
  name_en text NOT NULL,
  points int NOT NULL CHECK (points > 0),
  PRIMARY KEY (village_id, id)
);

CREATE TABLE point_households (
  id text PRIMARY KEY,
  village_id text NOT NULL REFERENCES point_villages (id),
  position int NOT NULL,
  head_member_id text NOT NULL
);

CREATE TABLE point_members (
  id text PRIMARY KEY,
  household_id text NOT NULL REFERENCES point_households (id),
  position int NOT NULL,
  -- The platform account of a member who signs in; NULL for one who never has.
  sub text UNIQUE,
  name text NOT NULL
);

-- Who may record points in which village.
CREATE TABLE point_officers (
  sub text NOT NULL,
  village_id text NOT NULL REFERENCES point_villages (id),
  name text NOT NULL,
  PRIMARY KEY (sub, village_id)
);

CREATE TABLE point_entries (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  member_id text NOT NULL REFERENCES point_members (id),
  kind text NOT NULL CHECK (kind IN ('award', 'deduction', 'redemption', 'carry_over')),
  points int NOT NULL CHECK (points <> 0),
  quantity int NOT NULL CHECK (quantity > 0),
  rule_id text,
  reward_id text,
  redemption_id text UNIQUE,
  note text,
  -- Who wrote it: an officer's sub, the member's own (a redemption), or 'system' (carry-over).
  recorded_by text NOT NULL,
  recorded_by_role text NOT NULL CHECK (recorded_by_role IN ('officer', 'resident', 'system')),
  recorded_by_name text,
  created_at timestamptz NOT NULL,
  CHECK ((kind IN ('award', 'deduction')) = (rule_id IS NOT NULL)),
  CHECK ((kind = 'redemption') = (reward_id IS NOT NULL AND redemption_id IS NOT NULL))
);
CREATE INDEX point_entries_by_member ON point_entries (member_id, seq DESC);

CREATE TABLE point_balances (
  member_id text PRIMARY KEY REFERENCES point_members (id),
  balance int NOT NULL CHECK (balance >= 0),
  last_entry_seq bigint NOT NULL
);

CREATE FUNCTION point_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'point_entries is append-only: % refused', TG_OP USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER point_entries_append_only BEFORE UPDATE OR DELETE ON point_entries
  FOR EACH ROW EXECUTE FUNCTION point_entries_append_only();
CREATE TRIGGER point_entries_no_truncate BEFORE TRUNCATE ON point_entries
  FOR EACH STATEMENT EXECUTE FUNCTION point_entries_append_only();

-- The balance moves with its entry, and only with it: the one writer of point_balances.
CREATE FUNCTION point_entries_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Not INSERT … ON CONFLICT: its proposed row (a negative first entry) would fail the CHECK
  -- before the conflict is found. A member's first entry is inserted under the member's lock.
  UPDATE point_balances SET balance = balance + NEW.points, last_entry_seq = NEW.seq
    WHERE member_id = NEW.member_id;
  IF NOT FOUND THEN
    INSERT INTO point_balances (member_id, balance, last_entry_seq)
      VALUES (NEW.member_id, NEW.points, NEW.seq);
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER point_entries_apply AFTER INSERT ON point_entries
  FOR EACH ROW EXECUTE FUNCTION point_entries_apply();

-- And nothing else writes a balance: a row must name the newest entry of its member, and move by
-- exactly that entry's points.
CREATE FUNCTION point_balances_follow_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved int;
BEGIN
  SELECT points INTO moved FROM point_entries
    WHERE seq = NEW.last_entry_seq AND member_id = NEW.member_id;
  IF moved IS NULL
     OR (TG_OP = 'UPDATE' AND (NEW.last_entry_seq <= OLD.last_entry_seq
                               OR NEW.balance <> OLD.balance + moved))
     OR (TG_OP = 'INSERT' AND NEW.balance <> moved) THEN
    RAISE EXCEPTION 'point_balances moves only with its entry' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER point_balances_follow_entries BEFORE INSERT OR UPDATE ON point_balances
  FOR EACH ROW EXECUTE FUNCTION point_balances_follow_entries();
CREATE TRIGGER point_balances_no_delete BEFORE DELETE OR TRUNCATE ON point_balances
  FOR EACH STATEMENT EXECUTE FUNCTION point_entries_append_only();
