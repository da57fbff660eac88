CREATE TABLE cloud (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              text        NOT NULL,
    provider          text        NOT NULL CHECK (provider IN ('AWS', 'GCP', 'AZURE', 'OPENSTACK', 'ON_PREM')),
    region            text        NOT NULL,
    underlay_cidrs    text[]      NOT NULL,
    underlay_gateway  text        NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    version           bigint      NOT NULL DEFAULT 0,
    CONSTRAINT cloud_name_key UNIQUE (name),
    -- text[] keeps the mapping simple; the cast proves every element is a canonical CIDR
    CONSTRAINT cloud_underlay_cidrs_canonical CHECK (underlay_cidrs::cidr[]::text[] = underlay_cidrs),
    CONSTRAINT cloud_underlay_gateway_inet CHECK (underlay_gateway::inet IS NOT NULL)
);

CREATE TABLE cluster (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                        text        NOT NULL,
    cloud_id                    bigint      NOT NULL REFERENCES cloud (id) ON DELETE RESTRICT,
    k8s_api_url                 text        NOT NULL,
    k8s_auth_mode               text        NOT NULL CHECK (k8s_auth_mode IN ('KUBECONFIG', 'TOKEN')),
    k8s_kubeconfig_secret       bytea,
    k8s_token_secret            bytea,
    k8s_ca_certificate          text,
    tf_api_url                  text        NOT NULL,
    tf_auth_mode                text        NOT NULL CHECK (tf_auth_mode IN ('NOAUTH', 'KEYSTONE')),
    tf_keystone_url             text,
    tf_keystone_username        text,
    tf_keystone_project         text,
    tf_keystone_password_secret bytea,
    tf_cluster_name             text        NOT NULL,
    bgp_asn                     bigint      NOT NULL CHECK (bgp_asn BETWEEN 1 AND 4294967295),
    control_nodes               text[]      NOT NULL,
    kube_manager_namespace      text        NOT NULL,
    kube_manager_config_maps    text[]      NOT NULL,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    version                     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT cluster_name_key UNIQUE (name),
    CONSTRAINT cluster_control_nodes_inet CHECK (control_nodes::inet[] IS NOT NULL),
    CONSTRAINT cluster_k8s_credentials CHECK (
        (k8s_auth_mode = 'KUBECONFIG' AND k8s_kubeconfig_secret IS NOT NULL)
        OR (k8s_auth_mode = 'TOKEN' AND k8s_token_secret IS NOT NULL)),
    CONSTRAINT cluster_tf_credentials CHECK (
        tf_auth_mode = 'NOAUTH'
        OR (tf_keystone_url IS NOT NULL AND tf_keystone_username IS NOT NULL
            AND tf_keystone_password_secret IS NOT NULL))
);

CREATE INDEX cluster_cloud_id_idx ON cluster (cloud_id);

CREATE TABLE cluster_label (
    cluster_id  bigint NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    label_key   text   NOT NULL,
    label_value text   NOT NULL,
    PRIMARY KEY (cluster_id, label_key)
);
