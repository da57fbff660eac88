-- A change plan: the steps that bring a mesh's clusters (or one of them) to their desired
-- state, computed against the revisions recorded in base_revision, and what became of them.
CREATE TABLE plan (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mesh_id          bigint      REFERENCES mesh (id) ON DELETE SET NULL,
    mesh_name        text        NOT NULL,
    cluster_id       bigint      REFERENCES cluster (id) ON DELETE SET NULL,
    state            text        NOT NULL CHECK (state IN ('draft', 'pending-approval', 'approved', 'rejected',
                                     'applying', 'applied', 'failed', 'cancelled', 'expired', 'stale')),
    author           text        NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    expires_at       timestamptz,
    -- cluster id → content hash of the observation the plan was computed against
    base_revision    jsonb       NOT NULL,
    notes            jsonb       NOT NULL DEFAULT '[]',
    approved_by      text,
    approved_at      timestamptz,
    -- when the approver chose a time inside the mesh's change window; null means on request
    apply_after      timestamptz,
    rejected_by      text,
    rejected_at      timestamptz,
    reject_reason    text,
    apply_requested_by text,
    apply_started_at timestamptz,
    finished_at      timestamptz,
    cancel_requested boolean     NOT NULL DEFAULT false,
    failure          text,
    -- what the observation after apply still found different from the desired state
    remaining_drift  jsonb,
    reverse_of       bigint      REFERENCES plan (id) ON DELETE SET NULL,
    version          bigint      NOT NULL DEFAULT 0
);

CREATE INDEX plan_state_idx ON plan (state, created_at DESC);
CREATE INDEX plan_mesh_idx ON plan (mesh_id, created_at DESC);

-- One step of a plan. The operation is what a worker carries out; before and after are what a
-- reviewer reads.
CREATE TABLE plan_step (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id      bigint      NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position     integer     NOT NULL,
    step_key     text        NOT NULL,
    cluster_id   bigint      NOT NULL,
    cluster_name text        NOT NULL,
    system       text        NOT NULL CHECK (system IN ('kubernetes', 'tungsten-fabric')),
    object_type  text        NOT NULL,
    object_name  text        NOT NULL,
    action       text        NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restart')),
    before_state jsonb       NOT NULL,
    after_state  jsonb       NOT NULL,
    depends_on   jsonb       NOT NULL DEFAULT '[]',
    risk         text        NOT NULL,
    operation    jsonb       NOT NULL,
    -- what restores the before-image, for a reverse plan; null when nothing can
    undo         jsonb,
    state        text        NOT NULL DEFAULT 'pending'
                             CHECK (state IN ('pending', 'running', 'done', 'failed', 'skipped', 'cancelled')),
    attempts     integer     NOT NULL DEFAULT 0,
    -- set once, at the first attempt: a restart deletes only pods created before it
    first_started_at timestamptz,
    started_at   timestamptz,
    finished_at  timestamptz,
    duration_ms  bigint,
    -- what the worker did: 'written', 'already in place', or the pods it deleted
    result       text,
    error        text,
    CONSTRAINT plan_step_key UNIQUE (plan_id, step_key),
    CONSTRAINT plan_step_position UNIQUE (plan_id, position)
);

CREATE INDEX plan_step_state_idx ON plan_step (plan_id, state);

-- How a mesh's approved plans start: on request, by themselves once approved, and only inside
-- the change window when the mesh has one (days such as 'sat,sun', a start and an end time, UTC).
ALTER TABLE mesh ADD COLUMN apply_on_approval boolean NOT NULL DEFAULT false;
ALTER TABLE mesh ADD COLUMN change_window_days text;
ALTER TABLE mesh ADD COLUMN change_window_start time;
ALTER TABLE mesh ADD COLUMN change_window_end time;
