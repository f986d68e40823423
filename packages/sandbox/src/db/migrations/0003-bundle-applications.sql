-- One-matter applications (一件事办理): drafts kept per person and bundle (save on one device,
-- resume on another), and submitted applications with one step per department. A step is a
-- matter (办件) of its own: its case number is in `matters`, so it can be listed and rated.

CREATE TABLE bundle_drafts (
  sub text NOT NULL,
  bundle_id text NOT NULL REFERENCES bundles (id),
  "values" jsonb NOT NULL,
  materials jsonb NOT NULL,
  step int NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (sub, bundle_id)
);

CREATE TABLE bundle_applications (
  id text PRIMARY KEY,
  sub text NOT NULL,
  bundle_id text NOT NULL REFERENCES bundles (id),
  "values" jsonb NOT NULL,
  materials jsonb NOT NULL,
  submitted_at timestamptz NOT NULL
);
CREATE INDEX bundle_applications_by_person ON bundle_applications (sub, submitted_at DESC, id);

-- Progress is written as the sandbox clock passes each step's moments (accepted, then processing
-- an hour later, then completed after its promised days); `planned_rejection` is set at
-- submission by the sandbox control that makes a step reject, and cleared by a resubmission.
CREATE TABLE bundle_application_steps (
  application_id text NOT NULL REFERENCES bundle_applications (id),
  position int NOT NULL,
  service_id text NOT NULL REFERENCES services (id),
  case_number text NOT NULL UNIQUE REFERENCES matters (case_number),
  status text NOT NULL CHECK (status IN ('accepted', 'processing', 'rejected', 'completed')),
  accepted_at timestamptz NOT NULL,
  completed_at timestamptz,
  planned_rejection jsonb,
  rejection jsonb,
  PRIMARY KEY (application_id, position)
);
