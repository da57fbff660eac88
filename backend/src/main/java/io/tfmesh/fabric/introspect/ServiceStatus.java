package io.tfmesh.fabric.introspect;

import org.jspecify.annotations.Nullable;

/**
 * One line of contrail-status: a service of a pod and its state.
 *
 * @param state active, inactive, initializing, backup or timeout as contrail-status has them,
 * or unknown where tfmesh could not read what contrail-status would base its state on
 * @param description what the process said about itself, or null
 */
public record ServiceStatus(String pod, String service, String state, @Nullable String description) {

	public static final String ACTIVE = "active";

	public static final String INACTIVE = "inactive";

	public static final String INITIALIZING = "initializing";

	public static final String BACKUP = "backup";

	public static final String TIMEOUT = "timeout";

	public static final String UNKNOWN = "unknown";

	public ServiceStatus {
		if (description != null && description.isEmpty()) {
			description = null;
		}
	}

	/** The same status under another service name, such as {@code api-1} for a config API worker. */
	public ServiceStatus named(String name) {
		return new ServiceStatus(pod, name, state, description);
	}

	/** The line as contrail-status prints it, such as {@code control: initializing (No BGP configuration for self)}. */
	public String line() {
		return service + ": " + state + (description == null ? "" : " (" + description + ")");
	}

}
