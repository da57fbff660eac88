-- A segmentation intent: pods of the source namespace may reach the destination Service on
-- these ports. An intent goes with either of its clusters.
CREATE TABLE intent (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                    text,
    source_cluster_id       bigint      NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    source_namespace        text        NOT NULL,
    destination_cluster_id  bigint      NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    destination_namespace   text        NOT NULL,
    destination_service     text        NOT NULL,
    protocol                text        NOT NULL CHECK (protocol IN ('tcp', 'udp', 'any')),
    -- ranges in ascending order, merged, such as '8000-8100,9090'; empty means every port
    ports                   text        NOT NULL,
    description             text        NOT NULL DEFAULT '',
    created_at              timestamptz NOT NULL,
    created_by              text        NOT NULL,
    updated_at              timestamptz NOT NULL,
    version                 bigint      NOT NULL DEFAULT 0,
    CONSTRAINT intent_clusters_differ CHECK (source_cluster_id <> destination_cluster_id),
    CONSTRAINT intent_ports_or_any CHECK (ports <> '' OR protocol = 'any'),
    CONSTRAINT intent_rule_key UNIQUE (source_cluster_id, source_namespace, destination_cluster_id,
        destination_namespace, destination_service, protocol, ports)
);

CREATE INDEX intent_destination_idx ON intent (destination_cluster_id);
