package io.tfmesh.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One contrail-status line of one node as it was read.
 *
 * @param source the introspect URL that was asked (with why it did not answer), or the
 * container whose state stood for the service
 */
public record Reading(String node, String pod, String service, String state, @Nullable String description,
		String source, Instant readAt) {

	/** The line as contrail-status prints it. */
	public String line() {
		return service + ": " + state + (description == null ? "" : " (" + description + ")");
	}

}
