package io.tfmesh.health.diagnose;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.fabric.introspect.ServiceStatus;
import io.tfmesh.fabric.kubernetes.ContainerInfo;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.health.ContainerRestarts;
import io.tfmesh.health.ServedNeighbors;
import io.tfmesh.health.ServedReading;
import io.tfmesh.health.diagnose.Finding.Evidence;
import io.tfmesh.health.diagnose.Finding.Fix;
import io.tfmesh.observe.ObservedState;
import org.jspecify.annotations.Nullable;

/**
 * Turns a cluster's latest readings and its latest observation into findings. A reading served
 * as unknown (too old, or its introspect did not answer) never backs a cause; where what would
 * decide between causes was not read, the finding says so and proposes no fix.
 */
public final class Diagnoses {

	public static final String NO_BGP_CONFIGURATION_FOR_SELF = "no-bgp-configuration-for-self";

	public static final String XMPP_CONNECTION_DOWN = "xmpp-connection-down";

	public static final String NO_CONFIGURATION_FOR_SELF = "no-configuration-for-self";

	public static final String NTP_UNSYNCHRONIZED = "ntp-unsynchronized";

	public static final String KUBE_MANAGER_NO_ACTIVE = "kube-manager-no-active";

	public static final String KUBE_MANAGER_DOWN = "kube-manager-down";

	public static final String CRASH_LOOP = "crash-loop";

	public static final String BGP_PEER_NOT_ESTABLISHED = BgpPeerDiagnosis.CODE;

	public static final String RESTARTS_GROWING = RestartsGrowing.CODE;

	/** The source of the observed bgp-routers. */
	static final String TF_SOURCE = "tungsten-fabric/config-api";

	static final String PODS_SOURCE = "kubernetes/tf-pods";

	static final String NODES_SOURCE = "kubernetes/nodes";

	/** The description strings, as TF writes them (reference §2.6). */
	static final String NO_BGP_CONFIG = "No BGP configuration for self";

	static final String NO_SELF_CONFIG = "No Configuration for self";

	static final String NTP = "NTP state unsynchronized";

	/** {@code XMPP:control-node:<ip>}: the agent's connection name (TFC {@code controller_peer.cc}). */
	private static final Pattern XMPP_PEER = Pattern.compile("XMPP:control-node:([0-9A-Fa-f.:]*[0-9A-Fa-f])");

	private static final Pattern CRASH_LOOPING_CONTAINER = Pattern
		.compile("^container (\\S+) of pod (\\S+): waiting \\(CrashLoopBackOff\\)");

	private static final String CONTROL_CONTAINER = "contrail-controller-control";

	private static final String KUBE_MANAGER_CONTAINER = "contrail-kube-manager";

	private final List<ServedReading> readings;

	private final @Nullable ObservedState observed;

	private final Instant now;

	private Diagnoses(List<ServedReading> readings, @Nullable ObservedState observed, Instant now) {
		this.readings = readings;
		this.observed = observed;
		this.now = now;
	}

	/**
	 * The findings of one cluster, in the order of the rules, each (code, node) once.
	 * @param readings its readings as served now
	 * @param observed its latest observation, or null when it was never observed
	 */
	public static List<Finding> of(List<ServedReading> readings, @Nullable ObservedState observed, Instant now) {
		Diagnoses diagnoses = new Diagnoses(readings, observed, now);
		List<Finding> findings = new ArrayList<>();
		findings.addAll(diagnoses.noBgpConfigurationForSelf());
		findings.addAll(diagnoses.xmppConnectionDown());
		findings.addAll(diagnoses.noConfigurationForSelf());
		findings.addAll(diagnoses.ntpUnsynchronized());
		findings.addAll(diagnoses.kubeManager());
		findings.addAll(diagnoses.crashLoops());
		return findings;
	}

	/**
	 * {@link #of(List, ObservedState, Instant)}, then the findings of the control nodes'
	 * neighbors and of the containers' restart counts.
	 * @param cluster the cluster's name
	 * @param neighbors its control nodes' neighbors as served now
	 * @param mesh the control nodes of the other clusters of its mesh
	 * @param restarts its TF containers' restart counts at the last two polls
	 */
	public static List<Finding> of(List<ServedReading> readings, @Nullable ObservedState observed, Instant now,
			String cluster, List<ServedNeighbors> neighbors, MeshSpeakers mesh, List<ContainerRestarts> restarts) {
		List<Finding> findings = new ArrayList<>(of(readings, observed, now));
		findings.addAll(BgpPeerDiagnosis.of(cluster, neighbors, mesh));
		findings.addAll(RestartsGrowing.of(restarts, now));
		return findings;
	}

	private List<Finding> noBgpConfigurationForSelf() {
		List<Finding> findings = new ArrayList<>();
		for (ServedReading control : known("control", "control")) {
			if (!says(control, NO_BGP_CONFIG)) {
				continue;
			}
			String hostname = control.node();
			List<Evidence> evidence = new ArrayList<>(List.of(evidence(control)));
			if (!read(TF_SOURCE) || observed.tungstenFabric() == null) {
				findings.add(new Finding(NO_BGP_CONFIGURATION_FOR_SELF, Finding.UNKNOWN, hostname,
						"The control node on " + hostname + " has no BGP configuration for itself. Whether a bgp-router "
								+ "named " + hostname + " exists was not read (" + TF_SOURCE + "), so the cause is unknown.",
						evidence, null));
				continue;
			}
			List<BgpRouter> routers = observed.tungstenFabric().bgpRouters();
			Optional<BgpRouter> self = routers.stream().filter(router -> name(router).equals(hostname)).findFirst();
			evidence.add(new Evidence("bgp-routers in " + String.join(":", BgpRouter.PARENT),
					routers.isEmpty() ? "none" : String.join(", ", routers.stream().map(Diagnoses::name).toList()),
					TF_SOURCE, observedAge()));
			if (self.isEmpty()) {
				Map<String, String> parameters = new LinkedHashMap<>();
				parameters.put("hostname", hostname);
				putIfKnown(parameters, "address", address(hostname));
				Long asn = observed.tungstenFabric().autonomousSystem();
				putIfKnown(parameters, "asn", (asn != null) ? asn.toString() : null);
				findings.add(new Finding(NO_BGP_CONFIGURATION_FOR_SELF, Finding.CRITICAL, hostname,
						"No bgp-router is named after the control node's hostname " + hostname
								+ ": it has no BGP configuration for itself and closes the agents' XMPP channels.",
						evidence, new Fix("Create the bgp-router " + hostname
								+ " for the control node; it takes the configuration without a restart.",
								"create-bgp-router", parameters)));
			}
			else {
				Map<String, String> parameters = new LinkedHashMap<>();
				PodInfo pod = pod(hostname, CONTROL_CONTAINER);
				if (pod != null) {
					parameters.put("namespace", pod.namespace());
					parameters.put("pod", pod.name());
				}
				parameters.put("node", hostname);
				findings.add(new Finding(NO_BGP_CONFIGURATION_FOR_SELF, Finding.CRITICAL, hostname,
						"The bgp-router " + hostname + " exists, yet the control node has no BGP configuration for "
								+ "itself: its configuration subscription is stale.",
						evidence, new Fix("Restart the control pod on " + hostname
								+ " so that it subscribes to its configuration again.", "restart-pod", parameters)));
			}
		}
		return findings;
	}

	private List<Finding> xmppConnectionDown() {
		List<Finding> findings = new ArrayList<>();
		for (ServedReading agent : known("vrouter", "agent")) {
			Set<String> down = downControlNodes(agent);
			if (down.isEmpty()) {
				continue;
			}
			List<Evidence> evidence = new ArrayList<>(List.of(evidence(agent)));
			List<String> causes = new ArrayList<>();
			Fix fix = null;
			for (String address : down) {
				String controlNode = nodeWithAddress(address);
				ServedReading control = (controlNode != null) ? reading(controlNode, "control", "control") : null;
				if (control == null) {
					causes.add("the state of the control node " + address + " was not read");
					continue;
				}
				evidence.add(evidence(control));
				if (control.stale() || ServiceStatus.UNKNOWN.equals(control.state())
						|| ServiceStatus.TIMEOUT.equals(control.state())) {
					causes.add("the control node " + address + " (" + controlNode + ") reads " + control.state()
							+ ", so why is unknown");
				}
				else if (ServiceStatus.ACTIVE.equals(control.state())) {
					causes.add("the control node " + address + " (" + controlNode
							+ ") is active: the agent does not reach it on XMPP (port 5269)");
					fix = (fix != null) ? fix : new Fix("Check that " + controlNode + " is reachable from " + agent.node()
							+ " on XMPP (TCP 5269).", "check-connectivity",
							Map.of("from", agent.node(), "to", address, "port", "5269"));
				}
				else {
					causes.add("the control node " + address + " (" + controlNode + ") is " + control.line()
							+ ", and closes the agents' channels until it is healed");
					fix = new Fix("Heal the control node on " + controlNode + " first; the agent reconnects by itself.",
							"see-finding", Map.of("code", NO_BGP_CONFIGURATION_FOR_SELF, "node", controlNode));
				}
			}
			findings.add(new Finding(XMPP_CONNECTION_DOWN, Finding.CRITICAL, agent.node(),
					"The vrouter agent on " + agent.node() + " has no XMPP session to " + String.join(", ", down) + ": "
							+ String.join("; ", causes) + ".",
					evidence, fix));
		}
		return findings;
	}

	private List<Finding> noConfigurationForSelf() {
		List<Finding> findings = new ArrayList<>();
		for (ServedReading agent : known("vrouter", "agent")) {
			if (!says(agent, NO_SELF_CONFIG)) {
				continue;
			}
			String hostname = agent.node();
			Set<String> down = downControlNodes(agent);
			if (!down.isEmpty()) {
				// its configuration comes over XMPP: without a session it has none, whatever TF holds
				findings.add(new Finding(NO_CONFIGURATION_FOR_SELF, Finding.CRITICAL, hostname,
						"The vrouter agent on " + hostname + " has no configuration for itself because its XMPP "
								+ "sessions to " + String.join(", ", down) + " are down.",
						List.of(evidence(agent)), new Fix("Heal the XMPP sessions of " + hostname + " first.",
								"see-finding", Map.of("code", XMPP_CONNECTION_DOWN, "node", hostname))));
				continue;
			}
			Map<String, String> parameters = new LinkedHashMap<>();
			parameters.put("hostname", hostname);
			putIfKnown(parameters, "address", address(hostname));
			findings.add(new Finding(NO_CONFIGURATION_FOR_SELF, Finding.CRITICAL, hostname,
					"The vrouter agent on " + hostname + " finds no virtual-router named after its hostname " + hostname
							+ " (a virtual-router named otherwise, such as " + hostname + ".local, does not count). "
							+ "tfmesh does not read virtual-routers, so which one exists was not checked.",
					List.of(evidence(agent)), new Fix("Create the virtual-router " + hostname
							+ ", or set VROUTER_HOSTNAME to the name of the one that exists.", "create-virtual-router",
							parameters)));
		}
		return findings;
	}

	private List<Finding> ntpUnsynchronized() {
		Map<String, List<Evidence>> byNode = new TreeMap<>();
		readings.stream()
			.filter(reading -> !reading.stale() && says(reading, NTP))
			.forEach(reading -> byNode.computeIfAbsent(reading.node(), node -> new ArrayList<>()).add(evidence(reading)));
		return byNode.entrySet()
			.stream()
			.map(node -> new Finding(NTP_UNSYNCHRONIZED, Finding.WARNING, node.getKey(),
					"The clock of " + node.getKey() + " is not synchronized by NTP.", node.getValue(),
					new Fix("Synchronize the clock of " + node.getKey() + " with NTP (chronyd or ntpd).", "sync-ntp",
							Map.of("node", node.getKey()))))
			.toList();
	}

	private List<Finding> kubeManager() {
		List<ServedReading> all = readings.stream()
			.filter(r -> r.pod().equals("kubernetes") && r.service().equals("kube-manager"))
			.toList();
		List<Finding> findings = new ArrayList<>();
		for (ServedReading reading : all) {
			if (!reading.stale() && (ServiceStatus.INACTIVE.equals(reading.state())
					|| ServiceStatus.INITIALIZING.equals(reading.state()))) {
				findings.add(new Finding(KUBE_MANAGER_DOWN, Finding.CRITICAL, reading.node(),
						"kube-manager on " + reading.node() + " is " + reading.line()
								+ ": Kubernetes objects are not turned into TF objects by it.",
						List.of(evidence(reading)), restart(reading.node(), KUBE_MANAGER_CONTAINER, "kube-manager")));
			}
		}
		boolean everyBackup = !all.isEmpty()
				&& all.stream().allMatch(r -> !r.stale() && ServiceStatus.BACKUP.equals(r.state()));
		if (everyBackup) {
			findings.add(new Finding(KUBE_MANAGER_NO_ACTIVE, Finding.CRITICAL, null,
					"Every kube-manager reads backup: none is active, so new pods, services and namespaces get no "
							+ "TF objects.",
					all.stream().map(Diagnoses::evidence).toList(),
					restart(all.get(0).node(), KUBE_MANAGER_CONTAINER, "kube-manager")));
		}
		return findings;
	}

	private List<Finding> crashLoops() {
		Map<String, Map<String, Evidence>> byNode = new TreeMap<>();
		for (ServedReading reading : readings) {
			Matcher matcher = CRASH_LOOPING_CONTAINER.matcher(reading.source());
			if (!reading.stale() && matcher.find()) {
				byNode.computeIfAbsent(reading.node(), node -> new LinkedHashMap<>())
					.putIfAbsent(matcher.group(2) + "/" + matcher.group(1), evidence(reading));
			}
		}
		if (read(PODS_SOURCE)) {
			for (PodInfo pod : observed.tfPods()) {
				for (ContainerInfo container : pod.containers()) {
					if (pod.nodeName() != null && container.state() == ContainerInfo.State.WAITING
							&& "CrashLoopBackOff".equals(container.reason())) {
						byNode.computeIfAbsent(pod.nodeName(), node -> new LinkedHashMap<>())
							.putIfAbsent(pod.name() + "/" + container.name(),
									new Evidence("container " + container.name() + " of pod " + pod.name(),
											"waiting (CrashLoopBackOff), " + container.restartCount() + " restarts",
											PODS_SOURCE, observedAge()));
					}
				}
			}
		}
		return byNode.entrySet().stream().map(node -> {
			List<String> containers = new ArrayList<>(node.getValue().keySet());
			String first = containers.get(0);
			PodInfo pod = podNamed(first.substring(0, first.indexOf('/')));
			Map<String, String> parameters = new LinkedHashMap<>();
			if (pod != null) {
				parameters.put("namespace", pod.namespace());
			}
			parameters.put("pod", first.substring(0, first.indexOf('/')));
			parameters.put("container", first.substring(first.indexOf('/') + 1));
			return new Finding(CRASH_LOOP, Finding.CRITICAL, node.getKey(),
					"On " + node.getKey() + " " + String.join(", ", containers)
							+ " keeps crashing and Kubernetes waits longer before each restart.",
					List.copyOf(node.getValue().values()), new Fix("Read the previous log of the container "
							+ "(kubectl logs --previous) for why it exits.", "inspect-container-logs", parameters));
		}).toList();
	}

	/** The readings of one service that are not served as unknown. */
	private List<ServedReading> known(String pod, String service) {
		return readings.stream()
			.filter(r -> r.pod().equals(pod) && r.service().equals(service) && !r.stale()
					&& !ServiceStatus.UNKNOWN.equals(r.state()) && !ServiceStatus.TIMEOUT.equals(r.state()))
			.toList();
	}

	private @Nullable ServedReading reading(String node, String pod, String service) {
		return readings.stream()
			.filter(r -> r.node().equals(node) && r.pod().equals(pod) && r.service().equals(service))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The control nodes an agent says it has no XMPP session with: those listed before
	 * {@code connection down}, or missing from its connections (reference §2.6).
	 */
	private static Set<String> downControlNodes(ServedReading agent) {
		Set<String> down = new LinkedHashSet<>();
		String description = agent.description();
		if (description == null
				|| !(description.contains("connection down") || description.contains("Missing:"))) {
			return down;
		}
		Matcher matcher = XMPP_PEER.matcher(description);
		while (matcher.find()) {
			down.add(matcher.group(1));
		}
		return down;
	}

	private static boolean says(ServedReading reading, String text) {
		return reading.description() != null && reading.description().contains(text);
	}

	private boolean read(String source) {
		return observed != null && observed.read(source) && observed.sources().stream().anyMatch(s -> s.source().equals(source));
	}

	private long observedAge() {
		return (observed == null) ? 0 : Math.max(0, Duration.between(observed.observedAt(), now).toSeconds());
	}

	private @Nullable String address(String node) {
		if (!read(NODES_SOURCE)) {
			return null;
		}
		return observed.nodes()
			.stream()
			.filter(n -> n.name().equals(node))
			.flatMap(n -> n.addresses().stream())
			.filter(a -> a.type().equals("InternalIP"))
			.map(a -> a.address())
			.findFirst()
			.orElse(null);
	}

	private @Nullable String nodeWithAddress(String address) {
		if (observed == null) {
			return null;
		}
		return observed.nodes()
			.stream()
			.filter(n -> n.addresses().stream().anyMatch(a -> a.address().equals(address)))
			.map(NodeInfo::name)
			.findFirst()
			.orElse(null);
	}

	private @Nullable PodInfo pod(String node, String container) {
		if (observed == null) {
			return null;
		}
		return observed.tfPods()
			.stream()
			.filter(p -> node.equals(p.nodeName()))
			.filter(p -> p.containers().stream().anyMatch(c -> c.name().equals(container)))
			.findFirst()
			.orElse(null);
	}

	private @Nullable PodInfo podNamed(String name) {
		return (observed == null) ? null
				: observed.tfPods().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
	}

	private Fix restart(String node, String container, String what) {
		Map<String, String> parameters = new LinkedHashMap<>();
		PodInfo pod = pod(node, container);
		if (pod != null) {
			parameters.put("namespace", pod.namespace());
			parameters.put("pod", pod.name());
		}
		parameters.put("node", node);
		return new Fix("Restart the " + what + " pod on " + node + ".", "restart-pod", parameters);
	}

	private static Evidence evidence(ServedReading reading) {
		return new Evidence(reading.pod() + "/" + reading.service() + " on " + reading.node(), reading.line(),
				reading.source(), reading.ageSeconds());
	}

	private static String name(BgpRouter router) {
		return router.fqName().get(router.fqName().size() - 1);
	}

	private static void putIfKnown(Map<String, String> parameters, String key, @Nullable String value) {
		if (value != null) {
			parameters.put(key, value);
		}
	}

}
