package io.tfmesh.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A reading as tfmesh serves it now: a reading older than three poll intervals is
 * {@code unknown}, whatever it said when it was read.
 *
 * @param ageSeconds how long ago it was read
 * @param stale whether it is served as unknown because it is too old
 */
public record ServedReading(String node, String pod, String service, String state, @Nullable String description,
		String source, Instant readAt, long ageSeconds, boolean stale) {

	/** The line as contrail-status prints it. */
	public String line() {
		return service + ": " + state + (description == null ? "" : " (" + description + ")");
	}

}
