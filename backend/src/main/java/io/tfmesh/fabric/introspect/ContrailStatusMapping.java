package io.tfmesh.fabric.introspect;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.tfmesh.fabric.FabricException;

/**
 * Turns what introspect said (or failed to say) into contrail-status's state, by the rules of
 * its {@code get_svc_status}: Non-Functional is initializing, anything else a running process
 * reports stays active, and a non-empty description is appended whatever the state.
 */
public final class ContrailStatusMapping {

	private ContrailStatusMapping() {
	}

	/** A running process that answered; only its first ProcessStatus counts, as in contrail-status. */
	public static ServiceStatus of(TfService service, NodeStatus status) {
		if (status.processStatus().isEmpty()) {
			return new ServiceStatus(service.pod(), service.service(), ServiceStatus.INITIALIZING, null);
		}
		ProcessStatus process = status.processStatus().get(0);
		String state = ProcessStatus.NON_FUNCTIONAL.equals(process.state()) ? ServiceStatus.INITIALIZING
				: ServiceStatus.ACTIVE;
		@Nullable String description = process.description();
		for (ConnectionInfo connection : process.connections()) {
			if ("ToR".equals(connection.type())) {
				description = "ToR:" + connection.name() + " connection " + connection.status().toLowerCase(Locale.ROOT);
			}
		}
		return new ServiceStatus(service.pod(), service.service(), state, description);
	}

	/**
	 * A running process whose introspect could not be read. A refused connection makes a
	 * backup-capable service {@code backup}, as in contrail-status (the standby does not listen).
	 * Elsewhere contrail-status prints {@code initializing} without a word; tfmesh says it does not
	 * know and why. A timeout is {@code timeout}; an answer without a NodeStatus is
	 * {@code initializing}, as in contrail-status, with what the answer was.
	 */
	public static ServiceStatus ofFailure(TfService service, FabricException failure) {
		return switch (failure.kind()) {
			case UNREACHABLE -> service.backup() ? status(service, ServiceStatus.BACKUP, null)
					: status(service, ServiceStatus.UNKNOWN, "introspect unreachable");
			case TIMEOUT -> status(service, ServiceStatus.TIMEOUT, null);
			default -> status(service, ServiceStatus.INITIALIZING, (failure.status() > 0)
					? "introspect answered HTTP " + failure.status() : "introspect answered without a NodeStatus");
		};
	}

	private static ServiceStatus status(TfService service, String state, @Nullable String description) {
		return new ServiceStatus(service.pod(), service.service(), state, description);
	}

	/** Its container does not run: contrail-status does not introspect it. */
	public static ServiceStatus notRunning(TfService service) {
		return new ServiceStatus(service.pod(), service.service(), ServiceStatus.INACTIVE, null);
	}

	/**
	 * The API did not say what its container is doing. contrail-status would print inactive for
	 * a container without state; tfmesh says it does not know rather than guess.
	 */
	public static ServiceStatus unknown(TfService service) {
		return new ServiceStatus(service.pod(), service.service(), ServiceStatus.UNKNOWN, null);
	}

	/**
	 * Its container runs and contrail-status has nothing more to ask.
	 * @throws IllegalArgumentException for a service contrail-status introspects, whose state
	 * comes from {@link #of} or {@link #ofFailure}
	 */
	public static ServiceStatus running(TfService service) {
		if (service.introspected()) {
			throw new IllegalArgumentException(service.pod() + "/" + service.service()
					+ " is introspected; its state comes from its NodeStatus");
		}
		return new ServiceStatus(service.pod(), service.service(), ServiceStatus.ACTIVE, null);
	}

}
