package io.tfmesh.health.diagnose;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tfmesh.health.ContainerRestarts;
import io.tfmesh.health.diagnose.Finding.Evidence;
import io.tfmesh.health.diagnose.Finding.Fix;

/**
 * {@code restarts-growing}: a TF container that restarted between the last two polls though
 * Kubernetes does not (yet) hold it back in CrashLoopBackOff, which {@code crash-loop} covers.
 * A container that exits now and then reads running at most polls.
 */
final class RestartsGrowing {

	static final String CODE = "restarts-growing";

	private static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";

	private RestartsGrowing() {
	}

	/** One warning per node, naming each such container with both counts and when they were read. */
	static List<Finding> of(List<ContainerRestarts> restarts, Instant now) {
		Map<String, List<ContainerRestarts>> byNode = new TreeMap<>();
		for (ContainerRestarts container : restarts) {
			if (container.grew() && !CRASH_LOOP_BACK_OFF.equals(container.waitingReason())) {
				byNode.computeIfAbsent(container.node(), node -> new ArrayList<>()).add(container);
			}
		}
		List<Finding> findings = new ArrayList<>();
		byNode.forEach((node, containers) -> {
			List<Evidence> evidence = new ArrayList<>();
			List<String> named = new ArrayList<>();
			for (ContainerRestarts c : containers) {
				String what = "restart count of container " + c.container() + " of pod " + c.pod();
				evidence.add(new Evidence(what, c.previousCount() + " at " + c.previousAt(), Diagnoses.PODS_SOURCE,
						age(c.previousAt(), now)));
				evidence.add(new Evidence(what, c.restartCount() + " at " + c.readAt(), Diagnoses.PODS_SOURCE,
						age(c.readAt(), now)));
				named.add(c.pod() + "/" + c.container() + " (" + c.previousCount() + " → " + c.restartCount() + ")");
			}
			ContainerRestarts first = containers.get(0);
			Map<String, String> parameters = new LinkedHashMap<>();
			parameters.put("namespace", first.namespace());
			parameters.put("pod", first.pod());
			parameters.put("container", first.container());
			findings.add(new Finding(CODE, Finding.WARNING, node,
					"On " + node + " " + String.join(", ", named) + " restarted between the last two polls; "
							+ "Kubernetes does not hold it back in CrashLoopBackOff yet.",
					evidence, new Fix("Read the previous log of the container (kubectl logs --previous) for why it "
							+ "exited.", "inspect-container-logs", parameters)));
		});
		return findings;
	}

	private static long age(Instant at, Instant now) {
		return Math.max(0, Duration.between(at, now).toSeconds());
	}

}
