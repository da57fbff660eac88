-- What a cluster really had when tfmesh last read it. The content hash identifies the observed
-- content (not when or how fast it was read) and is the base revision that change plans record.
CREATE TABLE cluster_observation (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cluster_id    bigint      NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    observed_at   timestamptz NOT NULL,
    duration_ms   integer     NOT NULL,
    complete      boolean     NOT NULL,
    content_hash  text        NOT NULL,
    state         jsonb       NOT NULL
);

CREATE INDEX cluster_observation_latest_idx ON cluster_observation (cluster_id, observed_at DESC, id DESC);
