package io.tfmesh.sandbox;

import jakarta.validation.constraints.NotNull;

/**
 * Serves every introspect port of an emulated cluster over HTTPS with client certificates, as
 * {@code INTROSPECT_SSL_ENABLE} does, or over plain HTTP again.
 */
public record IntrospectTlsRequest(@NotNull Boolean enabled) {
}
