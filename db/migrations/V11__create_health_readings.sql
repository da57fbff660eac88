-- The latest contrail-status reading of each service on each node of a cluster, as the health
-- collectors (or a full observation) last read it. history_at is when its last point was added
-- to health_history, which keeps a point per change and one per hour in between.
CREATE TABLE health_reading (
    cluster_id  bigint      NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    node        text        NOT NULL,
    pod         text        NOT NULL,
    service     text        NOT NULL,
    state       text        NOT NULL,
    description text,
    source      text        NOT NULL,
    read_at     timestamptz NOT NULL,
    history_at  timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, node, pod, service)
);

CREATE TABLE health_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cluster_id  bigint      NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    node        text        NOT NULL,
    pod         text        NOT NULL,
    service     text        NOT NULL,
    state       text        NOT NULL,
    description text,
    source      text        NOT NULL,
    read_at     timestamptz NOT NULL
);

CREATE INDEX health_history_cluster_idx ON health_history (cluster_id, read_at);

CREATE INDEX health_history_read_at_idx ON health_history (read_at);

-- Whether each cluster was last found healthy, so that a transition is announced once, also
-- across restarts.
CREATE TABLE cluster_health (
    cluster_id  bigint      PRIMARY KEY REFERENCES cluster (id) ON DELETE CASCADE,
    healthy     boolean     NOT NULL,
    verdict     text        NOT NULL,
    changed_at  timestamptz NOT NULL
);
