-- The person's say over proactive recommendations (issue #21). Numbered 0005 so that it follows
-- the migrations other branches add meanwhile (0003, 0004) whatever order they land in.
-- A dismissal (for good, with a reason) or a snooze (until a moment), one per recommendation.
CREATE TABLE recommendation_feedback (
  sub text NOT NULL,
  recommendation_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('dismissed', 'snoozed')),
  reason text CHECK (reason IN ('not_relevant', 'already_done', 'wrong_information', 'other')),
  until timestamptz,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (sub, recommendation_id),
  CHECK ((state = 'dismissed') = (reason IS NOT NULL)),
  CHECK ((state = 'snoozed') = (until IS NOT NULL))
);

-- The person's consent to each data category the rules read; no row means granted (as consented
-- when the account was registered). A revoked category is read by no rule.
CREATE TABLE data_consents (
  sub text NOT NULL,
  category text NOT NULL,
  granted boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (sub, category)
);
