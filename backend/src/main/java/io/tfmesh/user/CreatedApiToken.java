package io.tfmesh.user;

/**
 * A token just created: the only time its secret value is shown.
 *
 * @param token the value to send as {@code Authorization: Bearer <token>}
 */
public record CreatedApiToken(ApiTokenView details, String token) {
}
