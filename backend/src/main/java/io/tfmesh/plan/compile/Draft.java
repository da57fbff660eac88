package io.tfmesh.plan.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.plan.PlannedStep;
import io.tfmesh.plan.StepAction;
import io.tfmesh.plan.StepOperation;
import io.tfmesh.plan.StepSystem;
import org.jspecify.annotations.Nullable;

/**
 * The steps and notes of a plan as they are found, with the keys later steps depend on: each
 * cluster's global-system-config step and the bgp-router steps between two clusters.
 */
final class Draft {

	private final Map<String, PlannedStep> steps = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	private final Map<Long, String> asnSteps = new LinkedHashMap<>();

	private final Map<Long, Map<Long, List<String>>> peeringSteps = new LinkedHashMap<>();

	/**
	 * A key unique in the plan and the same in every plan of the same change: the cluster, the
	 * API, the object's type and name.
	 */
	static String key(Cluster cluster, StepSystem system, String objectType, String object) {
		return cluster.name() + "/" + system.id() + "/" + objectType + "/" + object;
	}

	String add(Cluster cluster, StepSystem system, String objectType, String object, StepAction action,
			Map<String, String> before, Map<String, String> after, List<String> dependsOn, String risk,
			StepOperation operation, @Nullable StepOperation undo) {
		String key = key(cluster, system, objectType, object);
		steps.put(key, new PlannedStep(key, cluster.id(), cluster.name(), system, objectType, object, action, before,
				after, dependsOn.stream().distinct().toList(), risk, operation, undo));
		return key;
	}

	boolean has(String key) {
		return steps.containsKey(key);
	}

	void note(String note) {
		if (!notes.contains(note)) {
			notes.add(note);
		}
	}

	void asnStep(Cluster cluster, String key) {
		asnSteps.put(cluster.id(), key);
	}

	/** The key of the step that changes a cluster's global ASN, as a list of none or one. */
	List<String> asnStep(Cluster cluster) {
		String key = asnSteps.get(cluster.id());
		return key == null ? List.of() : List.of(key);
	}

	void peeringStep(Cluster cluster, Cluster peer, String key) {
		peeringSteps.computeIfAbsent(cluster.id(), id -> new LinkedHashMap<>())
			.computeIfAbsent(peer.id(), id -> new ArrayList<>())
			.add(key);
	}

	/** The keys of the steps that configure, in a cluster, the BGP sessions to a peer's control nodes. */
	List<String> peeringSteps(Cluster cluster, Cluster peer) {
		return peeringSteps.getOrDefault(cluster.id(), Map.of()).getOrDefault(peer.id(), List.of());
	}

	List<PlannedStep> steps() {
		return List.copyOf(steps.values());
	}

	List<String> notes() {
		return List.copyOf(notes);
	}

}
