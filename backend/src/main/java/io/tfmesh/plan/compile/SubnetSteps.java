package io.tfmesh.plan.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tfmesh.fabric.kubernetes.ClusterCounts;
import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.TfValues;
import io.tfmesh.mesh.Kind;
import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.plan.StepAction;
import io.tfmesh.plan.StepOperation.RestartPods;
import io.tfmesh.plan.StepOperation.SetConfigMapKeys;
import io.tfmesh.plan.StepOperation.WriteTfObject;
import io.tfmesh.plan.StepSystem;
import org.jspecify.annotations.Nullable;

/**
 * A member's pod, service and ip-fabric subnets: the new subnet added to kube-manager's IPAM beside
 * the old one (kube-manager only fills an IPAM that has no subnets, tf-controller
 * {@code vnc_kubernetes.py} {@code _create_ipam}), then the subnet keys in every ConfigMap a
 * consumer reads them from, then a restart of the consumers whose settings changed. kube-manager
 * reads {@code env} and {@code kube-manager-config}; the vrouter agent reads {@code env} and routes
 * KUBERNETES_POD_SUBNETS over vhost0 (tf-container-builder
 * {@code containers/vrouter/base/agent-functions.sh} {@code add_k8s_pod_cidr_route}).
 */
final class SubnetSteps {

	/** tf-container-builder {@code kubernetes/manifests/contrail-standalone-kubernetes.yaml}. */
	static final String KUBE_MANAGER_DAEMON_SET = "contrail-kube-manager";

	static final String VROUTER_AGENT_DAEMON_SET = "contrail-agent";

	private static final String FLAT_SUBNET = "flat-subnet";

	private static final String ENV = "env";

	private SubnetSteps() {
	}

	static void plan(Cluster cluster, Draft draft) {
		List<Kind> moving = Kind.CLUSTER_KINDS.stream()
			.filter(kind -> cluster.allocation(kind) != null && !matches(
					cluster.observed().kubeManagerSetting(kind.kubeManagerKey()), cluster.allocation(kind), cluster, kind))
			.toList();
		if (moving.isEmpty()) {
			return;
		}
		Boolean forwarding = cluster.forwardingOn(null);
		if (forwarding == null) {
			draft.note(cluster.name() + ": its subnets are not planned, since whether its pods take addresses from "
					+ "the ip-fabric IPAM is unknown (" + (cluster.observed().forwarding() == null ? "not read"
							: cluster.observed().forwarding().source())
					+ ")");
			return;
		}
		Map<String, ConfigMapData> configMaps = new LinkedHashMap<>();
		cluster.observed().kubeManagerConfigMaps().forEach(map -> configMaps.put(map.name(), map));
		Map<String, Map<String, String>> writes = new LinkedHashMap<>();
		Map<String, String[]> kubeManagerChanges = new LinkedHashMap<>();
		Map<String, String[]> agentChanges = new LinkedHashMap<>();
		List<String> ipamSteps = new ArrayList<>();
		for (Kind kind : moving) {
			String wanted = cluster.allocation(kind);
			String key = kind.kubeManagerKey();
			Setting kubeManager = cluster.observed().kubeManagerSetting(key);
			List<String> problems = new ArrayList<>();
			Target managerTarget = target(kubeManager, consumerConfigMaps(cluster, true), configMaps, problems);
			if (managerTarget == null) {
				if (!problems.isEmpty()) {
					draft.note(cluster.name() + ": " + key + " is not planned: kube-manager's " + problems.get(0));
				}
				continue;
			}
			String ipamStep = ipam(cluster, kind, wanted, forwarding, draft);
			if (ipamStep == null) {
				continue;
			}
			if (!ipamStep.isEmpty()) {
				ipamSteps.add(ipamStep);
			}
			Set<Target> targets = new LinkedHashSet<>();
			targets.add(managerTarget);
			if (!same(kubeManager.value(), wanted)) {
				kubeManagerChanges.put(key, new String[] { kubeManager.value(), wanted });
			}
			if (kind == Kind.POD) {
				Setting agent = agentSetting(cluster, key);
				List<String> agentProblems = new ArrayList<>();
				Target agentTarget = agent == null ? null
						: target(agent, consumerConfigMaps(cluster, false), configMaps, agentProblems);
				if (agentTarget != null) {
					targets.add(agentTarget);
					if (!same(agent.value(), wanted)) {
						agentChanges.put(key, new String[] { agent.value(), wanted });
					}
				}
				else if (!agentProblems.isEmpty()) {
					draft.note(cluster.name() + ": the vrouter agents keep routing their old " + key + ": their "
							+ agentProblems.get(0));
				}
			}
			// a copy that no consumer reads now would come back when the winning one is removed
			configMaps.values()
				.stream()
				.filter(map -> map.data().containsKey(key))
				.forEach(map -> targets.add(new Target(map.name(), key)));
			for (Target target : targets) {
				if (!same(configMaps.get(target.configMap()).data().get(target.key()), wanted)) {
					writes.computeIfAbsent(target.configMap(), name -> new LinkedHashMap<>()).put(target.key(), wanted);
				}
			}
		}
		List<String> configMapSteps = new ArrayList<>();
		writes.forEach((name, values) -> configMapSteps.add(configMap(cluster, configMaps.get(name), values,
				ipamSteps, draft)));
		if (configMapSteps.isEmpty()) {
			return;
		}
		if (!kubeManagerChanges.isEmpty()) {
			restart(cluster, KUBE_MANAGER_DAEMON_SET, kubeManagerChanges, configMapSteps,
					"kube-manager re-reads its subnets; it does not manage TF objects until its pods are back", draft);
		}
		if (!agentChanges.isEmpty()) {
			restart(cluster, VROUTER_AGENT_DAEMON_SET, agentChanges, configMapSteps,
					"each vrouter agent routes the new pod subnet over vhost0; the pods on its node lose traffic while it restarts",
					draft);
		}
	}

	/**
	 * Whether the member already runs with its allocation: kube-manager's setting names it and its
	 * IPAM holds it.
	 */
	private static boolean matches(@Nullable Setting setting, String wanted, Cluster cluster, Kind kind) {
		boolean agentMatches = kind != Kind.POD || agentSetting(cluster, kind.kubeManagerKey()) == null
				|| agentSetting(cluster, kind.kubeManagerKey()).unknown()
				|| same(agentSetting(cluster, kind.kubeManagerKey()).value(), wanted);
		return setting != null && same(setting.value(), wanted) && agentMatches && ipamInPlace(cluster, kind, wanted);
	}

	private static boolean ipamInPlace(Cluster cluster, Kind kind, String wanted) {
		NetworkIpam ipam = cluster.ipam(kind);
		return ipam == null || TfValues.cidrs(ipam.subnets()).equals(desiredSubnets(cluster, ipam, wanted));
	}

	/**
	 * The IPAM's subnets once the step is done: the new one first, since the API server hands out
	 * the first free address of an IPAM's subnets in their order, so pods that start from now on
	 * take their addresses from it; then the old ones whose addresses are still held, or whose use
	 * is unknown, since the API server refuses to remove a subnet in use (409,
	 * {@code network_ipam.py}). An old subnet no instance-ip holds an address of goes.
	 */
	private static List<String> desiredSubnets(Cluster cluster, NetworkIpam ipam, String wanted) {
		String canonical = TfValues.cidr(wanted);
		List<String> subnets = new ArrayList<>();
		subnets.add(canonical);
		for (String subnet : ipam.subnets()) {
			Long used = addressesInUse(cluster, subnet);
			String old = TfValues.cidr(subnet);
			if (!old.equals(canonical) && (used == null || used > 0)) {
				subnets.add(old);
			}
		}
		return subnets;
	}

	/** How many instance-ips hold an address of a subnet; null when unknown. */
	private static @Nullable Long addressesInUse(Cluster cluster, String subnet) {
		var tf = cluster.observed().tungstenFabric();
		if (tf == null || tf.addressesInUse() == null) {
			return null;
		}
		Long used = tf.addressesInUse().get(subnet);
		return used != null ? used : tf.addressesInUse().get(TfValues.cidr(subnet));
	}

	private static @Nullable Setting agentSetting(Cluster cluster, String key) {
		return cluster.observed()
			.vrouterAgent()
			.stream()
			.filter(setting -> setting.key().equals(key))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The IPAM step of a kind: null when the kind cannot move (the IPAM refuses the subnet), empty
	 * when the IPAM needs nothing.
	 */
	private static @Nullable String ipam(Cluster cluster, Kind kind, String wanted, boolean forwarding, Draft draft) {
		NetworkIpam ipam = cluster.ipam(kind);
		if (ipam == null) {
			draft.note(cluster.name() + ": TF has no " + kind.ipamName(cluster.tfName())
					+ "; kube-manager creates it with " + wanted + " when it restarts");
			return "";
		}
		List<String> subnets = TfValues.cidrs(ipam.subnets());
		String canonical = TfValues.cidr(wanted);
		List<String> after = desiredSubnets(cluster, ipam, wanted);
		if (subnets.equals(after)) {
			return "";
		}
		String name = String.join(":", ipam.fqName());
		if (!FLAT_SUBNET.equals(ipam.subnetMethod())) {
			// network_ipam.py: "ipam-subnets are allowed only with flat-subnet", and the method cannot change
			draft.note(cluster.name() + ": " + kind.kubeManagerKey() + " is not planned: " + name + " is "
					+ ipam.subnetMethod() + ", not flat-subnet, so it cannot hold " + wanted);
			return null;
		}
		List<String> kept = after.subList(1, after.size());
		List<String> overlapping = kept.stream().filter(subnet -> overlaps(subnet, canonical)).toList();
		if (!overlapping.isEmpty()) {
			// network_ipam.py refuses overlapping subnets in one IPAM
			draft.note(cluster.name() + ": " + kind.kubeManagerKey() + " is not planned: " + wanted + " overlaps "
					+ String.join(", ", overlapping) + " of " + name
					+ ", whose addresses are still in use, and one IPAM cannot hold both; a later plan can move it "
					+ "once the old subnet is free");
			return null;
		}
		for (String old : kept) {
			Long used = addressesInUse(cluster, old);
			draft.note(cluster.name() + ": " + name + " keeps " + old + " after " + canonical + ": "
					+ (used == null ? "whether addresses of it are in use is unknown"
							: used + (used == 1 ? " address of it is" : " addresses of it are") + " in use")
					+ " (" + inUse(cluster, kind, forwarding) + "); removing it is left to a later plan, once the "
					+ "pods or Services that hold them have restarted");
		}
		List<String> removed = subnets.stream().filter(subnet -> !after.contains(subnet)).toList();
		if (!removed.isEmpty()) {
			draft.note(cluster.name() + ": " + name + " gives up " + String.join(", ", removed)
					+ ": no instance-ip holds an address of it");
		}
		return draft.add(cluster, StepSystem.TUNGSTEN_FABRIC, NetworkIpam.TYPE, name, StepAction.UPDATE,
				Map.of("subnets", String.join(" ", subnets)), Map.of("subnets", String.join(" ", after)), List.of(),
				ipamRisk(cluster, kind, canonical, kept, removed, forwarding),
				new WriteTfObject(new NetworkIpam(ipam.uuid(), ipam.fqName(), ipam.subnetMethod(), after)),
				new WriteTfObject(ipam));
	}

	private static String inUse(Cluster cluster, Kind kind, boolean forwarding) {
		ClusterCounts counts = cluster.observed().counts();
		boolean pods = kind == Kind.POD && !forwarding || kind == Kind.FABRIC && forwarding;
		if (pods) {
			return counts == null ? "how many pods still use it is unknown"
					: counts.pods() + (counts.pods() == 1 ? " pod still uses it" : " pods still use it");
		}
		if (kind == Kind.SERVICE) {
			return counts == null ? "how many Services still use it is unknown"
					: counts.services() + (counts.services() == 1 ? " Service still uses it" : " Services still use it");
		}
		return "no pod takes addresses from it while IP fabric forwarding is " + (forwarding ? "on" : "off");
	}

	private static String ipamRisk(Cluster cluster, Kind kind, String added, List<String> kept, List<String> removed,
			boolean forwarding) {
		String held = kept.isEmpty() ? "" : "; running pods keep theirs in " + String.join(", ", kept);
		String moves = switch (kind) {
			case POD -> forwarding
					? "no pod moves: with IP fabric forwarding on, pods take their addresses from "
							+ Kind.FABRIC.ipamName(cluster.tfName())
					: "new pods take addresses from " + added + held;
			case FABRIC -> forwarding
					? "new pods take addresses from " + added + " (IP fabric forwarding is on)" + held
					: "no pod moves: IP fabric forwarding is off";
			default -> "new Service addresses come from " + added
					+ (kept.isEmpty() ? "" : "; existing Services keep theirs in " + String.join(", ", kept));
		};
		return removed.isEmpty() ? moves : moves + "; " + String.join(", ", removed) + " goes, unused";
	}

	private static String configMap(Cluster cluster, ConfigMapData map, Map<String, String> values,
			List<String> ipamSteps, Draft draft) {
		Map<String, String> before = new LinkedHashMap<>();
		Map<String, String> undoValues = new LinkedHashMap<>();
		List<String> undoRemove = new ArrayList<>();
		values.keySet().forEach(key -> {
			String old = map.data().get(key);
			if (old != null) {
				before.put(key, old);
				undoValues.put(key, old);
			}
			else {
				undoRemove.add(key);
			}
		});
		String object = map.namespace() + "/" + map.name();
		return draft.add(cluster, StepSystem.KUBERNETES, "configmap", object, StepAction.UPDATE, before, values,
				ipamSteps, "nothing changes until the pods that read " + object + " restart",
				new SetConfigMapKeys(map.namespace(), map.name(), values, List.of()),
				new SetConfigMapKeys(map.namespace(), map.name(), undoValues, undoRemove));
	}

	private static void restart(Cluster cluster, String daemonSet, Map<String, String[]> changes,
			List<String> configMapSteps, String effect, Draft draft) {
		Map<String, String> before = new LinkedHashMap<>();
		Map<String, String> after = new LinkedHashMap<>();
		changes.forEach((key, values) -> {
			if (values[0] != null) {
				before.put(key, values[0]);
			}
			after.put(key, values[1]);
		});
		List<String> pods = cluster.pods(daemonSet);
		String which = pods.isEmpty() ? "every pod of DaemonSet " + daemonSet + " (none was observed)"
				: String.join(", ", pods);
		String namespace = cluster.member().kubeManagerNamespace();
		draft.add(cluster, StepSystem.KUBERNETES, "daemonset", namespace + "/" + daemonSet, StepAction.RESTART, before,
				after, configMapSteps, "restarts " + which + ": " + effect, new RestartPods(namespace, daemonSet),
				// restored settings are read only by restarted pods
				new RestartPods(namespace, daemonSet));
	}

	/** Where a consumer's value of a key comes from, so that it is changed there. */
	private record Target(String configMap, String key) {
	}

	/**
	 * The ConfigMap key a consumer takes a setting from: where its value comes from, or for an
	 * entrypoint default the ConfigMap the consumer reads ({@code env} when it reads it, which
	 * both consumers of the single-yaml install do).
	 */
	private static @Nullable Target target(@Nullable Setting setting, List<String> reads,
			Map<String, ConfigMapData> configMaps, List<String> problems) {
		if (setting == null) {
			problems.add("setting is not known");
			return null;
		}
		String origin = setting.origin();
		Target target;
		if (setting.unknown()) {
			problems.add(setting.key() + " is unknown (" + origin + ")");
			return null;
		}
		else if (origin.startsWith("configmap/")) {
			target = new Target(origin.substring("configmap/".length()), setting.key());
		}
		else if (origin.startsWith("env from configmap/") && origin.contains(" key ")) {
			String rest = origin.substring("env from configmap/".length());
			target = new Target(rest.substring(0, rest.indexOf(" key ")),
					rest.substring(rest.indexOf(" key ") + " key ".length()));
		}
		else if (setting.entrypointDefault()) {
			String chosen = reads.contains(ENV) ? ENV : reads.isEmpty() ? null : reads.get(reads.size() - 1);
			if (chosen == null) {
				problems.add(setting.key() + " is the entrypoint's default, and no ConfigMap it reads is known");
				return null;
			}
			target = new Target(chosen, setting.key());
		}
		else {
			problems.add(setting.key() + " comes from " + origin + ", which tfmesh does not change");
			return null;
		}
		if (!configMaps.containsKey(target.configMap())) {
			problems.add(setting.key() + " would be set in ConfigMap " + target.configMap() + ", which was not found");
			return null;
		}
		return target;
	}

	/** The ConfigMaps a consumer is seen to read, with the inventory's for kube-manager. */
	private static List<String> consumerConfigMaps(Cluster cluster, boolean kubeManager) {
		Set<String> names = new LinkedHashSet<>();
		if (kubeManager) {
			names.addAll(cluster.member().kubeManagerConfigMaps());
		}
		List<Setting> settings = kubeManager ? cluster.observed().kubeManager() : cluster.observed().vrouterAgent();
		settings.stream()
			.map(Setting::origin)
			.filter(origin -> origin.startsWith("configmap/"))
			.forEach(origin -> names.add(origin.substring("configmap/".length())));
		return List.copyOf(names);
	}

	/** Both consumers split their subnet settings at whitespace. */
	static boolean same(@Nullable String value, String wanted) {
		return value != null && String.join(" ", value.strip().split("\\s+")).equals(wanted.strip());
	}

	private static boolean overlaps(String first, String second) {
		try {
			return Cidr.parse(first).overlaps(Cidr.parse(second));
		}
		catch (InvalidCidrException ex) {
			return false;
		}
	}

}
