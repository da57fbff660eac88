package io.tfmesh.intent;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tfmesh.fabric.kubernetes.ServiceInfo;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.SourceReading;
import io.tfmesh.plan.IntentSpec.PortRange;
import io.tfmesh.system.error.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * What makes an intent acceptable: its own fields, then what tfmesh knows of its clusters.
 * Every rule runs, so that one answer names every problem. A problem with the request itself
 * is {@link Verdict#invalid() invalid}; one with the state of the clusters (their meshes, what
 * their last observation found) is {@link Verdict#unprocessable() unprocessable}.
 */
final class IntentRules {

	static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "any");

	static final String NAMESPACES_SOURCE = "kubernetes/namespaces";

	static final String SERVICES_SOURCE = "kubernetes/services";

	private IntentRules() {
	}

	/**
	 * @param source the source cluster, null when no cluster has the requested id
	 * @param destination the destination cluster, null when no cluster has the requested id
	 */
	static Verdict check(IntentRequest request, @Nullable ClusterFacts source, @Nullable ClusterFacts destination) {
		List<FieldProblem> invalid = new ArrayList<>();
		List<FieldProblem> unprocessable = new ArrayList<>();
		if (request.protocol() != null && !request.protocol().isEmpty() && !PROTOCOLS.contains(request.protocol())) {
			invalid.add(new FieldProblem("protocol", "must be tcp, udp or any, not '" + request.protocol() + "'"));
		}
		PortRanges.Parsed ports = PortRanges.parse("ports", request.ports());
		invalid.addAll(ports.problems());
		if (request.ports().isEmpty() && ("tcp".equals(request.protocol()) || "udp".equals(request.protocol()))) {
			invalid.add(new FieldProblem("ports",
					"name the ports, such as 8080 or 8000-8100; only protocol any may leave them out, meaning every port"));
		}
		if (request.sourceClusterId() != null && source == null) {
			invalid.add(new FieldProblem("sourceClusterId", "no cluster has id " + request.sourceClusterId()));
		}
		if (request.destinationClusterId() != null && destination == null) {
			invalid.add(new FieldProblem("destinationClusterId", "no cluster has id " + request.destinationClusterId()));
		}
		if (source != null && destination != null && source.id() == destination.id()) {
			invalid.add(new FieldProblem("destinationClusterId", "must be another cluster than the source ("
					+ source.name() + "); pods reach the Services of their own cluster without tfmesh"));
		}
		else if (source != null && destination != null) {
			sameMesh(source, destination, unprocessable);
		}
		if (destination != null) {
			destination(request, destination, unprocessable);
		}
		if (source != null && request.sourceNamespace() != null && !request.sourceNamespace().isEmpty()) {
			namespace("sourceClusterId", "sourceNamespace", request.sourceNamespace(), source, unprocessable);
		}
		return new Verdict(List.copyOf(invalid), List.copyOf(unprocessable), ports.ranges());
	}

	private static void sameMesh(ClusterFacts source, ClusterFacts destination, List<FieldProblem> problems) {
		for (ClusterFacts cluster : List.of(source, destination)) {
			if (cluster.mesh() == null) {
				problems.add(new FieldProblem(cluster == source ? "sourceClusterId" : "destinationClusterId",
						cluster.name() + " is a member of no mesh; add both clusters to one mesh first"));
			}
		}
		if (source.mesh() != null && destination.mesh() != null && source.mesh().id() != destination.mesh().id()) {
			problems.add(new FieldProblem("destinationClusterId",
					destination.name() + " is a member of mesh '" + destination.mesh().name() + "' and " + source.name()
							+ " of mesh '" + source.mesh().name() + "'; both must be members of the same mesh"));
		}
	}

	private static void destination(IntentRequest request, ClusterFacts destination, List<FieldProblem> problems) {
		String namespace = request.destinationNamespace();
		if (namespace == null || namespace.isEmpty()
				|| !namespace("destinationClusterId", "destinationNamespace", namespace, destination, problems)) {
			return;
		}
		ObservedState observed = destination.observed();
		if (!answered(observed, SERVICES_SOURCE)) {
			problems.add(new FieldProblem("destinationClusterId", unread(destination, SERVICES_SOURCE)));
			return;
		}
		String name = request.destinationService();
		if (name == null || name.isEmpty()) {
			return;
		}
		Optional<ServiceInfo> service = observed.services()
			.stream()
			.filter(candidate -> candidate.namespace().equals(namespace) && candidate.name().equals(name))
			.findFirst();
		if (service.isEmpty()) {
			problems.add(new FieldProblem("destinationService", destination.name() + " has no Service '" + name
					+ "' in namespace '" + namespace + "' (" + lastObserved(observed) + ")"));
		}
		else if (service.get().clusterIps().isEmpty()) {
			problems.add(new FieldProblem("destinationService", "Service '" + name + "' of " + destination.name()
					+ " has no cluster IP (it is headless or an ExternalName), so there is no address to import"));
		}
	}

	/**
	 * Whether the cluster's last observation read the namespace; a problem on the cluster's
	 * field when it could not tell, on the namespace's when the namespace was not there.
	 */
	private static boolean namespace(String clusterField, String namespaceField, String namespace,
			ClusterFacts cluster, List<FieldProblem> problems) {
		ObservedState observed = cluster.observed();
		if (observed == null) {
			problems.add(new FieldProblem(clusterField, cluster.name() + " was never observed; observe it (POST /api/v1/clusters/"
					+ cluster.id() + "/observe) so that tfmesh knows its namespaces and Services"));
			return false;
		}
		List<String> failed = observed.sources()
			.stream()
			.filter(reading -> reading.source().startsWith("kubernetes/") && !reading.ok())
			.map(reading -> reading.source() + " " + reading.status()
					+ (reading.failure() == null ? "" : " (" + reading.failure() + ")"))
			.toList();
		if (!failed.isEmpty()) {
			problems.add(new FieldProblem(clusterField, "the last observation of " + cluster.name() + " ("
					+ at(observed) + ") did not read its Kubernetes API completely: " + String.join(", ", failed)
					+ "; observe it again once the API answers"));
			return false;
		}
		if (!answered(observed, NAMESPACES_SOURCE)) {
			problems.add(new FieldProblem(clusterField, unread(cluster, NAMESPACES_SOURCE)));
			return false;
		}
		if (!observed.namespaces().contains(namespace)) {
			problems.add(new FieldProblem(namespaceField,
					cluster.name() + " has no namespace '" + namespace + "' (" + lastObserved(observed) + ")"));
			return false;
		}
		return true;
	}

	/** An observation stored before tfmesh read that source has no reading of it: unknown, not empty. */
	private static boolean answered(ObservedState observed, String source) {
		return observed.sources().stream().anyMatch(reading -> reading.source().equals(source) && reading.ok());
	}

	private static String unread(ClusterFacts cluster, String source) {
		SourceReading reading = cluster.observed()
			.sources()
			.stream()
			.filter(candidate -> candidate.source().equals(source))
			.findFirst()
			.orElse(null);
		String why = (reading == null) ? "did not read " + source : "could not read " + source + " (" + reading.status() + ")";
		return "the last observation of " + cluster.name() + " (" + at(cluster.observed()) + ") " + why
				+ "; observe it again";
	}

	private static String lastObserved(ObservedState observed) {
		return "last observed " + at(observed);
	}

	private static String at(ObservedState observed) {
		return observed.observedAt().truncatedTo(ChronoUnit.SECONDS).toString();
	}

	/**
	 * A cluster as the rules see it.
	 *
	 * @param mesh the mesh it is a member of, null when none
	 * @param observed its last observation, null when it was never observed
	 */
	record ClusterFacts(long id, String name, @Nullable MeshRef mesh, @Nullable ObservedState observed) {
	}

	record MeshRef(long id, String name) {
	}

	/**
	 * @param ports the requested ports, normalized; only those that could be read
	 */
	record Verdict(List<FieldProblem> invalid, List<FieldProblem> unprocessable, List<PortRange> ports) {

		boolean accepted() {
			return invalid.isEmpty() && unprocessable.isEmpty();
		}

	}

}
