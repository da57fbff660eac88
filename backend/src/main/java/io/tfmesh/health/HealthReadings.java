package io.tfmesh.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.introspect.ContrailStatusFormat;
import io.tfmesh.fabric.introspect.ServiceStatus;
import io.tfmesh.fabric.introspect.TfService;

/**
 * What stored readings say now: staleness, the worst state, counts per state, whether a
 * cluster is healthy, and contrail-status's text.
 */
public final class HealthReadings {

	/** Every state a service can be served in, worst first. */
	public static final List<String> STATES = List.of(ServiceStatus.INACTIVE, ServiceStatus.INITIALIZING,
			ServiceStatus.TIMEOUT, ServiceStatus.UNKNOWN, ServiceStatus.BACKUP, ServiceStatus.ACTIVE);

	private HealthReadings() {
	}

	/**
	 * The reading as it is served at {@code now}: once it is {@code staleAfter} old it is
	 * {@code unknown}, since the service may have changed since, with how long it has not been read.
	 */
	public static ServedReading serve(Reading reading, Instant now, Duration staleAfter) {
		long age = Math.max(0, Duration.between(reading.readAt(), now).toSeconds());
		boolean stale = Duration.between(reading.readAt(), now).compareTo(staleAfter) >= 0;
		if (stale) {
			return new ServedReading(reading.node(), reading.pod(), reading.service(), ServiceStatus.UNKNOWN,
					"not read for " + age + " s", reading.source(), reading.readAt(), age, true);
		}
		return new ServedReading(reading.node(), reading.pod(), reading.service(), reading.state(),
				reading.description(), reading.source(), reading.readAt(), age, false);
	}

	/** How bad a state is: 0 for the worst; a state tfmesh does not know counts as inactive. */
	static int rank(String state) {
		int rank = STATES.indexOf(state);
		return rank < 0 ? 0 : rank;
	}

	/** The worst state among the readings; unknown when there are none. */
	public static String worst(List<ServedReading> readings) {
		return readings.stream()
			.map(ServedReading::state)
			.min(Comparator.comparingInt(HealthReadings::rank))
			.orElse(ServiceStatus.UNKNOWN);
	}

	/** How many services are in each state, every state listed, worst first. */
	public static Map<String, Long> counts(List<ServedReading> readings) {
		Map<String, Long> counts = new LinkedHashMap<>();
		STATES.forEach(state -> counts.put(state, 0L));
		for (ServedReading reading : readings) {
			String state = STATES.contains(reading.state()) ? reading.state() : ServiceStatus.INACTIVE;
			counts.merge(state, 1L, Long::sum);
		}
		return counts;
	}

	/**
	 * Healthy when there are readings and each is active, or backup (the standby of an
	 * active/backup service, as contrail-status expects it). Unknown and timeout are not healthy.
	 */
	public static boolean healthy(List<ServedReading> readings) {
		return !readings.isEmpty() && readings.stream()
			.allMatch(r -> ServiceStatus.ACTIVE.equals(r.state()) || ServiceStatus.BACKUP.equals(r.state()));
	}

	/**
	 * One line saying why, such as {@code control: initializing (No BGP configuration for self)}
	 * (the worst reading, with how many others are not healthy).
	 */
	public static String verdict(List<ServedReading> readings) {
		if (readings.isEmpty()) {
			return "no TF service was read";
		}
		if (healthy(readings)) {
			return "every TF service is active";
		}
		List<ServedReading> bad = readings.stream()
			.filter(r -> !ServiceStatus.ACTIVE.equals(r.state()) && !ServiceStatus.BACKUP.equals(r.state()))
			.sorted(Comparator.comparingInt((ServedReading r) -> rank(r.state())))
			.toList();
		String line = bad.get(0).line() + " on " + bad.get(0).node();
		return (bad.size() == 1) ? line : line + "; " + (bad.size() - 1) + " more not active";
	}

	/** Nodes by name, each node's services in contrail-status order. */
	public static List<ServedReading> ordered(List<ServedReading> readings) {
		return readings.stream()
			.sorted(Comparator.comparing(ServedReading::node)
				.thenComparingInt((ServedReading r) -> podOrder(r.pod()))
				.thenComparingInt(r -> serviceOrder(r.pod(), r.service()))
				.thenComparing(ServedReading::service))
			.toList();
	}

	private static int podOrder(String pod) {
		List<TfService> services = TfService.ofPod(pod);
		return services.isEmpty() ? Integer.MAX_VALUE : services.get(0).ordinal();
	}

	private static int serviceOrder(String pod, String service) {
		// the config API's workers print as api-0, api-1, … in the api's place
		String name = (service.matches("api-\\d+")) ? "api" : service;
		return TfService.of(pod, name).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
	}

	/**
	 * contrail-status of every node, as it prints on each: {@code Node <name>}, a blank line,
	 * then per pod {@code == Contrail <pod> ==}, its {@code service: state (description)} lines and
	 * a blank line.
	 */
	public static String contrailStatus(List<ServedReading> readings) {
		Map<String, List<ServiceStatus>> byNode = new LinkedHashMap<>();
		for (ServedReading reading : ordered(readings)) {
			byNode.computeIfAbsent(reading.node(), node -> new java.util.ArrayList<>())
				.add(new ServiceStatus(reading.pod(), reading.service(), reading.state(), reading.description()));
		}
		StringBuilder text = new StringBuilder();
		byNode.forEach((node, statuses) -> text.append("Node ")
			.append(node)
			.append("\n\n")
			.append(ContrailStatusFormat.text(statuses)));
		return text.toString();
	}

}
