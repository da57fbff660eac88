package io.tfmesh.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.tfmesh.fabric.introspect.ServiceStatus;
import io.tfmesh.observe.ObservedState.ProcessHealth;
import io.tfmesh.observe.ObservedState.SourceReading;
import org.jspecify.annotations.Nullable;

/**
 * The one line that opens a cluster's page: what needs attention in the last observation, worst
 * first. A control node or vrouter agent that is not active stops the cluster's routing, so it is
 * critical; another service that is not active is degraded; what tfmesh could not read is unknown
 * and never counts as healthy; sources that disagree about a setting are drift, which matters for
 * planning but routes traffic all the same.
 *
 * @param level the worst finding
 * @param line every finding, worst first, joined with {@code ; }
 * @param findings the findings one by one, worst first
 */
public record ClusterVerdict(Level level, String line, List<Finding> findings) {

	/** How bad a finding is, from the least to the worst. */
	public enum Level {

		/** Every source answered and every TF service is active. */
		HEALTHY,
		/** Running, but the sources disagree about a setting. */
		DRIFT,
		/** Something was not read; tfmesh does not know. */
		UNKNOWN,
		/** A service other than control and the vrouter agent is not active. */
		DEGRADED,
		/** A control node or a vrouter agent is not active. */
		CRITICAL;

		/** The CSS class that shows it. */
		public String css() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	public record Finding(Level level, String text) {
	}

	private static final String VROUTER_AGENT = "vrouter/agent";

	private static final String CONTROL = "control/control";

	/** contrail-status states that say what the process is doing; the others say tfmesh could not tell. */
	private static final Set<String> FINE = Set.of(ServiceStatus.ACTIVE, ServiceStatus.BACKUP);

	private static final Set<String> NOT_READ = Set.of(ServiceStatus.UNKNOWN, ServiceStatus.TIMEOUT);

	/**
	 * @param state the last observation, null when the cluster was never observed
	 * @param disagreeing the kinds of CIDR (pod, service, ip-fabric) whose sources disagree
	 */
	public static ClusterVerdict of(@Nullable ObservedState state, List<String> disagreeing) {
		if (state == null) {
			return new ClusterVerdict(Level.UNKNOWN, "never observed: nothing is known about this cluster yet",
					List.of(new Finding(Level.UNKNOWN, "never observed")));
		}
		List<Finding> findings = new ArrayList<>();
		findings.addAll(services(state.health()));
		List<String> unread = state.sources()
			.stream()
			.filter(source -> !source.ok())
			.map(ClusterVerdict::describe)
			.toList();
		if (!unread.isEmpty()) {
			findings.add(new Finding(Level.UNKNOWN, "not read: " + String.join(", ", unread)));
		}
		if (state.health().isEmpty() && unread.isEmpty()) {
			findings.add(new Finding(Level.UNKNOWN,
					state.tfPods().isEmpty() ? "no TF pods found" : "no TF service was read"));
		}
		if (!disagreeing.isEmpty()) {
			findings.add(new Finding(Level.DRIFT, "the sources disagree about the " + String.join(", ", disagreeing)
					+ " CIDRs"));
		}
		List<String> drifting = state.settingDrift().stream().map(ObservedState.SettingDrift::key).toList();
		if (!drifting.isEmpty()) {
			findings.add(new Finding(Level.DRIFT,
					"kube-manager and the vrouter agent run with different " + String.join(", ", drifting)));
		}
		findings.sort((a, b) -> b.level().compareTo(a.level()));
		Level level = findings.isEmpty() ? Level.HEALTHY : findings.get(0).level();
		List<String> texts = new ArrayList<>(findings.stream().map(Finding::text).toList());
		if (level == Level.HEALTHY || level == Level.DRIFT) {
			texts.add(0, "all " + state.health().size() + " TF services active");
		}
		return new ClusterVerdict(level, String.join("; ", texts), List.copyOf(findings));
	}

	/** How a line of contrail-status is shown: critical, degraded, unknown or fine. */
	public static Level levelOf(ProcessHealth health) {
		if (FINE.contains(health.state())) {
			return Level.HEALTHY;
		}
		if (NOT_READ.contains(health.state())) {
			return Level.UNKNOWN;
		}
		return critical(health) ? Level.CRITICAL : Level.DEGRADED;
	}

	private static boolean critical(ProcessHealth health) {
		String key = health.pod() + "/" + health.service();
		return CONTROL.equals(key) || VROUTER_AGENT.equals(key);
	}

	/**
	 * Same service, same state and same description make one finding: eight agents stuck for the
	 * same reason are one problem.
	 */
	private static List<Finding> services(List<ProcessHealth> health) {
		Map<List<String>, List<ProcessHealth>> groups = new LinkedHashMap<>();
		for (ProcessHealth reading : health) {
			Level level = levelOf(reading);
			if (level == Level.HEALTHY) {
				continue;
			}
			groups.computeIfAbsent(List.of(level.name(), reading.pod(), reading.service(), reading.state(),
					String.valueOf(reading.description())), key -> new ArrayList<>()).add(reading);
		}
		List<Finding> findings = new ArrayList<>();
		groups.forEach((key, readings) -> findings.add(new Finding(Level.valueOf(key.get(0)), text(readings))));
		return findings;
	}

	private static String text(List<ProcessHealth> readings) {
		ProcessHealth first = readings.get(0);
		String reason = first.description() == null ? "" : " (" + first.description() + ")";
		if (readings.size() == 1) {
			return name(first) + ": " + first.state() + reason;
		}
		return readings.size() + " " + plural(first) + " " + first.state() + reason;
	}

	private static String name(ProcessHealth health) {
		String key = health.pod() + "/" + health.service();
		if (CONTROL.equals(key)) {
			return "control";
		}
		if (VROUTER_AGENT.equals(key)) {
			return "vrouter agent";
		}
		return key;
	}

	private static String plural(ProcessHealth health) {
		String key = health.pod() + "/" + health.service();
		if (CONTROL.equals(key)) {
			return "control nodes";
		}
		if (VROUTER_AGENT.equals(key)) {
			return "vrouter agents";
		}
		return key + " services";
	}

	private static String describe(SourceReading source) {
		return source.source() + " (" + source.status() + ")";
	}

}
