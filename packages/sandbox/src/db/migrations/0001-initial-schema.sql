-- The sandbox's schema, shared by PGlite and PostgreSQL (15+, no extensions).
-- Times are timestamptz; calendar days (Asia/Shanghai) are date.

CREATE TABLE meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

CREATE TABLE regions (
  code text PRIMARY KEY,
  name text NOT NULL,
  name_tw text NOT NULL,
  name_en text NOT NULL,
  level text NOT NULL CHECK (level IN ('province', 'city', 'county')),
  parent_code text REFERENCES regions (code)
);
CREATE INDEX regions_by_parent ON regions (parent_code, code);

CREATE TABLE categories (
  id text PRIMARY KEY,
  position int NOT NULL,
  name text NOT NULL,
  name_tw text NOT NULL,
  name_en text NOT NULL
);

CREATE TABLE services (
  id text PRIMARY KEY,
  seq int NOT NULL UNIQUE,
  template_key text NOT NULL,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  name_en text NOT NULL,
  summary text NOT NULL,
  keywords text[] NOT NULL,
  department_id text NOT NULL,
  department_name text NOT NULL,
  department_name_en text NOT NULL,
  level text NOT NULL CHECK (level IN ('province', 'city', 'county')),
  region_code text NOT NULL REFERENCES regions (code),
  audience text NOT NULL CHECK (audience IN ('person', 'enterprise')),
  category text NOT NULL REFERENCES categories (id),
  online_level text NOT NULL CHECK (online_level IN ('fully_online', 'visit_once', 'visit_required')),
  max_visits int NOT NULL,
  promised_days int NOT NULL,
  legal_days int NOT NULL,
  fee_amount int NOT NULL,
  fee_note text,
  bookable boolean NOT NULL,
  rating_sum int NOT NULL,
  rating_count int NOT NULL,
  popularity int NOT NULL,
  materials jsonb NOT NULL,
  conditions jsonb NOT NULL,
  -- Lower-cased text the search matches against: all of it (byte-wise, for speed on PGlite),
  -- and by field for the relevance score.
  search_text text COLLATE "C" NOT NULL,
  search_name text NOT NULL,
  search_keywords text NOT NULL,
  search_department text NOT NULL
);
CREATE INDEX services_by_region ON services (region_code);
CREATE INDEX services_by_category ON services (category);
CREATE INDEX services_by_popularity ON services (popularity DESC, id);

CREATE TABLE bundles (
  id text PRIMARY KEY,
  seq int NOT NULL UNIQUE,
  name text NOT NULL,
  name_en text NOT NULL,
  summary text NOT NULL,
  audience text NOT NULL CHECK (audience IN ('person', 'enterprise')),
  category text NOT NULL REFERENCES categories (id),
  saved_visits int NOT NULL,
  promised_days int NOT NULL
);

-- A bundle's services, in the order they are handled. A bundle is offered in a region when all
-- of its steps have a service offered there; `service_id` is the default (the data's own) one.
CREATE TABLE bundle_steps (
  bundle_id text NOT NULL REFERENCES bundles (id),
  position int NOT NULL,
  template_key text NOT NULL,
  service_id text NOT NULL REFERENCES services (id),
  PRIMARY KEY (bundle_id, position)
);

CREATE TABLE sites (
  id text PRIMARY KEY,
  seq int NOT NULL UNIQUE,
  name text NOT NULL,
  name_en text NOT NULL,
  kind text NOT NULL,
  region_code text NOT NULL REFERENCES regions (code),
  address text NOT NULL,
  address_en text NOT NULL,
  phone text NOT NULL,
  lat double precision NOT NULL,
  lng double precision NOT NULL,
  opening_hours jsonb NOT NULL
);
CREATE INDEX sites_by_region ON sites (region_code);

-- Opening hours as rows, for generating slots in SQL: ISO weekday 1 (Monday) to 7.
CREATE TABLE site_hours (
  site_id text NOT NULL REFERENCES sites (id),
  weekday int NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens time NOT NULL,
  closes time NOT NULL,
  CHECK (opens < closes)
);
CREATE INDEX site_hours_by_site ON site_hours (site_id, weekday);

CREATE TABLE site_services (
  site_id text NOT NULL REFERENCES sites (id),
  service_id text NOT NULL REFERENCES services (id),
  position int NOT NULL,
  -- The middle of the slot ids: `slot-<slot_prefix>-<YYYYMMDDHHMM>`.
  slot_prefix text NOT NULL UNIQUE,
  -- Bookable services only (0 otherwise): the length and places of each slot.
  slot_minutes int NOT NULL CHECK (slot_minutes >= 0),
  slot_capacity int NOT NULL CHECK (slot_capacity >= 0),
  PRIMARY KEY (site_id, service_id)
);
CREATE INDEX site_services_by_service ON site_services (service_id);

CREATE TABLE slots (
  id text PRIMARY KEY,
  site_id text NOT NULL,
  service_id text NOT NULL,
  day date NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity int NOT NULL CHECK (capacity >= 0),
  booked int NOT NULL DEFAULT 0,
  -- The backstop of capacity: a booking takes a place with a conditional UPDATE, and this makes
  -- any other path that would overbook fail.
  CONSTRAINT slots_booked_within_capacity CHECK (booked >= 0 AND booked <= capacity),
  FOREIGN KEY (site_id, service_id) REFERENCES site_services (site_id, service_id)
);
CREATE INDEX slots_by_calendar ON slots (site_id, service_id, day, starts_at);

CREATE SEQUENCE appointment_reference_seq;

CREATE TABLE appointments (
  id text PRIMARY KEY,
  reference text NOT NULL,
  sub text NOT NULL,
  client_id text NOT NULL,
  service_id text NOT NULL REFERENCES services (id),
  site_id text NOT NULL REFERENCES sites (id),
  slot_id text NOT NULL REFERENCES slots (id),
  day date NOT NULL,
  slot_starts_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('booked', 'cancelled', 'completed', 'no_show')),
  note text,
  cancel_reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  cancelled_at timestamptz
);
-- One active appointment per person, service and day, enforced by the database.
CREATE UNIQUE INDEX appointments_one_active_per_day
  ON appointments (sub, service_id, day) WHERE status = 'booked';
CREATE INDEX appointments_by_person ON appointments (sub, slot_starts_at DESC, id);

CREATE TABLE matters (
  case_number text PRIMARY KEY,
  sub text NOT NULL,
  service_id text NOT NULL REFERENCES services (id),
  status text NOT NULL CHECK (status IN ('in_progress', 'handled', 'rejected')),
  submitted_at timestamptz NOT NULL,
  handled_at timestamptz
);
CREATE INDEX matters_by_person ON matters (sub, submitted_at DESC, case_number);

CREATE TABLE evaluation_levels (
  level text PRIMARY KEY,
  position int NOT NULL UNIQUE,
  score int NOT NULL CHECK (score BETWEEN 1 AND 5),
  name text NOT NULL,
  name_tw text NOT NULL,
  name_en text NOT NULL
);

CREATE TABLE evaluation_tags (
  level text NOT NULL REFERENCES evaluation_levels (level),
  id text NOT NULL,
  position int NOT NULL,
  name text NOT NULL,
  name_tw text NOT NULL,
  name_en text NOT NULL,
  PRIMARY KEY (level, id)
);

CREATE TABLE evaluations (
  id text PRIMARY KEY,
  -- One evaluation per matter, enforced by the database.
  case_number text NOT NULL UNIQUE REFERENCES matters (case_number),
  sub text NOT NULL,
  service_id text NOT NULL REFERENCES services (id),
  level text NOT NULL REFERENCES evaluation_levels (level),
  tags text[] NOT NULL,
  comment text,
  created_at timestamptz NOT NULL
);
CREATE INDEX evaluations_by_person ON evaluations (sub, created_at DESC, id);

-- Idempotency keys (Stripe's model): the row is inserted 'in_progress' before the work starts,
-- and holds the first response once it is done. Scoped to the client and the person.
CREATE TABLE idempotency_keys (
  client_id text NOT NULL,
  sub text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('in_progress', 'done')),
  response_status int,
  response_headers jsonb,
  response_body jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, sub, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
