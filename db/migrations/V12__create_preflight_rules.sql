-- The preflight checks' rule data, which admins edit: the versions a cluster's nodes may run
-- and the least memory and disk a control node needs. Seeded with what the seed installation
-- learned the hard way (kernel 3.10.0-862.14.4, not 3.10.0-862.3.2; kubelet 1.10.11, as 1.12 was
-- not yet supported) and with what the sandbox's emulated nodes run.
CREATE TABLE preflight_rule (
    rule_key     text        PRIMARY KEY,
    allowed      text[],
    minimum_gib  integer,
    updated_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL,
    version      bigint      NOT NULL DEFAULT 0,
    CONSTRAINT preflight_rule_one_parameter CHECK ((allowed IS NULL) <> (minimum_gib IS NULL)),
    CONSTRAINT preflight_rule_minimum_positive CHECK (minimum_gib IS NULL OR minimum_gib > 0),
    CONSTRAINT preflight_rule_allowed_not_empty CHECK (allowed IS NULL OR cardinality(allowed) > 0)
);

INSERT INTO preflight_rule (rule_key, allowed, minimum_gib, updated_at, updated_by) VALUES
    ('kernel-version', ARRAY['3.10.0-862.14.4', '5.4.0-182'], NULL, now(), 'system'),
    ('kubelet-version', ARRAY['1.10.11', '1.28'], NULL, now(), 'system'),
    ('container-runtime-version', ARRAY['containerd://1.6.28'], NULL, now(), 'system'),
    ('control-node-memory', NULL, 32, now(), 'system'),
    ('control-node-disk', NULL, 50, now(), 'system');
