-- The diagnoses' findings that are open now: a finding is announced when it appears, once, and
-- again only after it was absent, also across restarts. node is '' for a finding of the whole cluster.
CREATE TABLE diagnosis_open (
    cluster_id  bigint      NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    code        text        NOT NULL,
    node        text        NOT NULL,
    opened_at   timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, code, node)
);
