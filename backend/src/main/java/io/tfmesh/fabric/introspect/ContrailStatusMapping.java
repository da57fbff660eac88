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
	 * A running process whose introspect could not be read: refused connections make a
	 * backup-capable service {@code backup} (the standby does not listen), a timeout is
	 * {@code timeout}, and an HTTP error or an unreadable answer is {@code initializing}.
	 */
	public static ServiceStatus ofFailure(TfService service, FabricException failure) {
		String state = switch (failure.kind()) {
			case UNREACHABLE -> service.backup() ? ServiceStatus.BACKUP : ServiceStatus.INITIALIZING;
			case TIMEOUT -> ServiceStatus.TIMEOUT;
			default -> ServiceStatus.INITIALIZING;
		};
		return new ServiceStatus(service.pod(), service.service(), state, null);
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
