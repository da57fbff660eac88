package io.tfmesh.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.tfmesh.observe.ClusterObserver.Observation;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SourceReading;

/**
 * Names the fields of an observation that hold no value because tfmesh could not read it, so
 * that a reader never takes an empty list or a null for a fact.
 */
final class UnknownFields {

	/** The fields each source fills. */
	private static final Map<String, List<String>> FILLED_BY = filledBy();

	private UnknownFields() {
	}

	static List<String> of(Observation observation) {
		List<String> unknown = new ArrayList<>();
		for (SourceReading source : observation.sources()) {
			// a partial reading leaves unknown only the lines it could not read, and they say so
			if (!source.ok() && !"partial".equals(source.status())) {
				unknown.addAll(FILLED_BY.getOrDefault(source.source(), List.of()));
			}
		}
		settings(unknown, "kubeManager", observation.kubeManager());
		settings(unknown, "vrouterAgent", observation.vrouterAgent());
		if (!observation.forwarding().known()) {
			unknown.add("forwarding.mode");
			unknown.add("forwarding.podSubnets");
		}
		return List.copyOf(new LinkedHashSet<>(unknown));
	}

	private static void settings(List<String> unknown, String field, List<Setting> settings) {
		settings.stream().filter(Setting::unknown).forEach(setting -> unknown.add(field + "." + setting.key()));
	}

	private static Map<String, List<String>> filledBy() {
		Map<String, List<String>> filled = new LinkedHashMap<>();
		filled.put(ClusterObserver.KUBEADM, List.of("kubeadm"));
		filled.put(ClusterObserver.CONFIG_MAPS, List.of("kubeManagerConfigMaps"));
		filled.put(ClusterObserver.NODES, List.of("nodes"));
		filled.put(ClusterObserver.PODS, List.of("tfPods"));
		filled.put(ClusterObserver.NAMESPACES, List.of("namespaces", "forwarding.namespaces"));
		filled.put(ClusterObserver.TF, List.of("tungstenFabric"));
		filled.put(ClusterObserver.COUNTS, List.of("counts"));
		filled.put(ClusterObserver.SERVICES, List.of("services"));
		filled.put(ClusterObserver.INTROSPECT, List.of("health"));
		return filled;
	}

}
