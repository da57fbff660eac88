-- Certificates for Sandesh introspect served over HTTPS (INTROSPECT_SSL_ENABLE), PEM encrypted
-- with the application's secret key like the other cluster credentials.
ALTER TABLE cluster
    ADD COLUMN introspect_ca_certificate_secret     bytea,
    ADD COLUMN introspect_client_certificate_secret bytea,
    ADD COLUMN introspect_client_key_secret         bytea,
    ADD CONSTRAINT cluster_introspect_client_pair CHECK (
        (introspect_client_certificate_secret IS NULL) = (introspect_client_key_secret IS NULL));
