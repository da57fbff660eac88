package io.tfmesh.emulator.introspect;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A {@code ProcessStatus} of Sandesh's {@code process_info.sandesh}: what a process reports
 * about itself in its NodeStatus.
 *
 * @param state {@code Functional} or {@code Non-Functional}
 * @param description why it is not functional, or null when it says nothing
 */
public record ProcessStatus(String moduleId, String instanceId, String state, @Nullable String description,
		List<ConnectionInfo> connections) {

	public static final String FUNCTIONAL = "Functional";

	public static final String NON_FUNCTIONAL = "Non-Functional";

	public ProcessStatus {
		connections = List.copyOf(connections);
	}

}
