package io.tfmesh.support;

/**
 * A user that a test created through the API.
 *
 * @param client an API client that authenticates as this user with HTTP Basic
 */
public record TestAccount(long id, String username, String password, Api client) {
}
