-- GiST support for plain equality (mesh_id WITH =) next to inet overlap (cidr WITH &&)
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A routing domain: the clusters that exchange routes and so must not share addresses or ASNs.
CREATE TABLE mesh (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    asn_min     bigint      NOT NULL,
    asn_max     bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT mesh_name_key UNIQUE (name),
    CONSTRAINT mesh_asn_range CHECK (1 <= asn_min AND asn_min <= asn_max AND asn_max <= 4294967295)
);

-- The supernet each kind of CIDR of a mesh is carved from.
CREATE TABLE mesh_pool (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mesh_id               bigint  NOT NULL REFERENCES mesh (id) ON DELETE CASCADE,
    kind                  text    NOT NULL CHECK (kind IN ('pod', 'service', 'fabric')),
    cidr                  cidr    NOT NULL,
    default_prefix_length integer NOT NULL CHECK (default_prefix_length BETWEEN 1 AND 128),
    CONSTRAINT mesh_pool_kind_key UNIQUE (mesh_id, kind),
    CONSTRAINT mesh_pool_prefix_inside CHECK (default_prefix_length >= masklen(cidr)
        AND default_prefix_length <= CASE WHEN family(cidr) = 4 THEN 32 ELSE 128 END),
    CONSTRAINT mesh_pool_no_overlap EXCLUDE USING gist (mesh_id WITH =, cidr inet_ops WITH &&)
);

-- A cluster is in at most one mesh, and every member of a mesh has its own ASN.
CREATE TABLE mesh_member (
    mesh_id    bigint      NOT NULL REFERENCES mesh (id) ON DELETE CASCADE,
    cluster_id bigint      NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    asn        bigint,
    joined_at  timestamptz NOT NULL,
    PRIMARY KEY (mesh_id, cluster_id),
    CONSTRAINT mesh_member_cluster_key UNIQUE (cluster_id),
    CONSTRAINT mesh_member_asn_key UNIQUE (mesh_id, asn)
);

-- Everything that occupies the address space of a mesh: the pod, service and fabric CIDRs
-- handed to members, the underlays of member clouds, and what admins reserved. PostgreSQL
-- itself guarantees that nothing in one mesh overlaps, whoever writes.
CREATE TABLE allocation (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mesh_id     bigint      NOT NULL REFERENCES mesh (id) ON DELETE CASCADE,
    kind        text        NOT NULL CHECK (kind IN ('pod', 'service', 'fabric', 'underlay', 'reserved')),
    cluster_id  bigint      REFERENCES cluster (id) ON DELETE CASCADE,
    cloud_id    bigint      REFERENCES cloud (id) ON DELETE CASCADE,
    cidr        cidr        NOT NULL,
    note        text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    CONSTRAINT allocation_owner CHECK (
        (kind IN ('pod', 'service', 'fabric') AND cluster_id IS NOT NULL AND cloud_id IS NULL)
        OR (kind = 'underlay' AND cloud_id IS NOT NULL AND cluster_id IS NULL)
        OR (kind = 'reserved' AND cluster_id IS NULL AND cloud_id IS NULL)),
    CONSTRAINT allocation_no_overlap EXCLUDE USING gist (mesh_id WITH =, cidr inet_ops WITH &&)
);

CREATE UNIQUE INDEX allocation_cluster_kind_key ON allocation (mesh_id, cluster_id, kind) WHERE cluster_id IS NOT NULL;
CREATE INDEX allocation_mesh_idx ON allocation (mesh_id, kind);

-- The first answer of an allocation request, so that a retry with the same key gets it again.
CREATE TABLE allocation_request (
    mesh_id         bigint      NOT NULL REFERENCES mesh (id) ON DELETE CASCADE,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    response        jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (mesh_id, idempotency_key)
);
