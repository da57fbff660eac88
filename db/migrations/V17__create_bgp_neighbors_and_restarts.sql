-- The neighbors of each control node as the health collectors last read them from its
-- introspect (Snh_BgpNeighborReq). failure says why the list could not be read; neighbors is
-- then empty, and the list is unknown, never a list of Established peers.
CREATE TABLE bgp_neighbor_reading (
    cluster_id  bigint      NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    node        text        NOT NULL,
    source      text        NOT NULL,
    read_at     timestamptz NOT NULL,
    failure     text,
    neighbors   jsonb       NOT NULL,
    PRIMARY KEY (cluster_id, node)
);

-- The restart count of each TF container at the last two health polls, so that a count that
-- grew between them is seen before the container reaches CrashLoopBackOff.
CREATE TABLE container_restart_reading (
    cluster_id     bigint      NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    namespace      text        NOT NULL,
    pod            text        NOT NULL,
    container      text        NOT NULL,
    node           text        NOT NULL,
    restart_count  integer     NOT NULL,
    waiting_reason text,
    read_at        timestamptz NOT NULL,
    previous_count integer,
    previous_at    timestamptz,
    PRIMARY KEY (cluster_id, namespace, pod, container)
);
