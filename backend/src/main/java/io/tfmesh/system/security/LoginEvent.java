package io.tfmesh.system.security;

import org.jspecify.annotations.Nullable;

/**
 * A login attempt, published for the audit log: a dashboard login, or a failed HTTP Basic or API
 * token authentication. Successful Basic and token calls are not logins (every API call
 * authenticates) and are not published.
 *
 * @param username the username tried; null for an API token, which names nobody until it is
 * found
 * @param address the client address the attempt came from
 * @param method {@code form}, {@code basic} or {@code token}
 * @param outcome {@code succeeded}, {@code failed} or {@code throttled}
 * @param reason why it failed, in words that do not tell whether the username exists
 */
public record LoginEvent(@Nullable String username, String address, String method, String outcome,
		@Nullable String reason) {

	public boolean succeeded() {
		return "succeeded".equals(outcome);
	}

}
