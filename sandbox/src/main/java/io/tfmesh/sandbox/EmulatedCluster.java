package io.tfmesh.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.tfmesh.sandbox.SeedStory.SeedCluster;
import io.tfmesh.emulator.introspect.BgpNeighbor;
import io.tfmesh.emulator.introspect.IntrospectCertificates;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.ProcessFaults;
import io.tfmesh.emulator.introspect.ProcessStatus;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One emulated cluster: a Kubernetes API, a TF config API and the introspect endpoints of its
 * nodes, wired so that they react to each other like a real installation does.
 */
final class EmulatedCluster implements AutoCloseable {

	static final String NAMESPACE = "kube-system";

	static final List<String> KUBE_MANAGER_CONFIG_MAPS = List.of("env", "kube-manager-config");

	private static final Logger log = LoggerFactory.getLogger(EmulatedCluster.class);

	private static final List<String> CONTROLLER_PODS = List.of("control", "config", "kubernetes", "analytics",
			"database", "config-database", "webui", "vrouter", "analytics-alarm", "analytics-snmp");

	private final SeedCluster seed;

	private final SandboxSettings settings;

	private final EmulatedKubernetes kubernetes;

	private final TfConfigApiEmulator tungstenFabric;

	private final Map<String, IntrospectEmulator> nodes = new LinkedHashMap<>();

	private final ProcessStates processes;

	private final JsonMapper json;

	/**
	 * Whether the control node's bgp-router and each node's virtual-router existed when the
	 * process states were last applied.
	 */
	private volatile List<Boolean> selfConfigSeen = List.of();

	private @Nullable IntrospectCertificates introspectTls;

	/** What this cluster's side of its BGP sessions is, as its TF config and control node last said. */
	private volatile Peering peering = new Peering("", false, List.of(), 0);

	/** The other clusters of the sandbox, whose control nodes this one may peer with. */
	private volatile List<EmulatedCluster> others = List.of();

	/** States a demo or a test set for peers, by peer name, in place of the ones the configs give. */
	private final Map<String, String> peerStates = new ConcurrentHashMap<>();

	private EmulatedCluster(SeedCluster seed, SandboxSettings settings, EmulatedKubernetes kubernetes,
			TfConfigApiEmulator tungstenFabric, ProcessStates processes, JsonMapper json) {
		this.seed = seed;
		this.json = json;
		this.settings = settings;
		this.kubernetes = kubernetes;
		this.tungstenFabric = tungstenFabric;
		this.processes = processes;
	}

	static EmulatedCluster start(SeedCluster seed, SandboxSettings settings, Path dataDir, JsonMapper json) {
		Path stateDir = dataDir.resolve("sandbox").resolve(seed.name());
		try {
			Files.createDirectories(stateDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the sandbox state directory " + stateDir, ex);
		}
		EmulatedKubernetes kubernetes = EmulatedKubernetes.start("127.0.0.1", seed.kubernetesPort(settings), stateDir);
		TfConfigApiEmulator tf = TfConfigApiEmulator.start("127.0.0.1", seed.tfPort(settings),
				stateDir.resolve("tungsten-fabric.json"), json);
		EmulatedCluster cluster = new EmulatedCluster(seed, settings, kubernetes, tf,
				new ProcessStates(stateDir.resolve("processes.json"), json), json);
		try {
			cluster.startNodes();
			cluster.seedIfNew();
			tf.onChange(cluster::tfConfigChanged);
			kubernetes.onPodReplaced(cluster::podReplaced);
			kubernetes.reconcileDaemonSets();
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
		return cluster;
	}

	private void startNodes() {
		nodes.put(seed.masterName(), IntrospectEmulator.start(seed.masterAddress(settings), seed.masterName(),
				withIntrospect(CONTROLLER_PODS)));
		// a worker's agent talks XMPP to the master's control node
		nodes.put(seed.workerName(), IntrospectEmulator.start(seed.workerAddress(settings), seed.workerName(),
				withIntrospect(List.of("vrouter")), List.of(seed.masterAddress(settings))));
	}

	/** The processes of those pods that answer introspect on a port of their own. */
	private static List<SandeshProcess> withIntrospect(List<String> pods) {
		List<SandeshProcess> processes = new ArrayList<>();
		pods.forEach(pod -> processes.addAll(SandeshProcess.ofPod(pod)));
		return processes;
	}

	/** A first start seeds the story; later starts find the cluster as it was left. */
	private void seedIfNew() {
		kubernetes.seed(kubernetesSeed());
		// the process states are written last when seeding, so they mark a cluster seeded before
		if (!processes.exists()) {
			seedWorkload(provisionTf());
			processes.reset(seed.controlStuck());
		}
		provisionVirtualRouters();
		applyProcessStates();
	}

	void reset() {
		peerStates.clear();
		kubernetes.reset(kubernetesSeed());
		tungstenFabric.reset();
		seedWorkload(provisionTf());
		processes.reset(seed.controlStuck());
		nodes.values().forEach(node -> node.services().forEach(node::healthy));
		applyProcessStates();
	}

	/** @return the address of the workload's pod */
	private String provisionTf() {
		tungstenFabric.provisionLikeKubeManager(SeedStory.TF_CLUSTER_NAME, List.of(SeedStory.TF_POD_SUBNET),
				List.of(SeedStory.TF_SERVICE_SUBNET), List.of(SeedStory.TF_IP_FABRIC_SUBNET), seed.ipFabricForwarding());
		tungstenFabric.provisionControl(SeedStory.TF_ASN,
				List.of(new TfConfigApiEmulator.BgpRouterSeed(seed.masterName(), seed.masterAddress(settings))));
		return provisionNodes();
	}

	/**
	 * The nodes' virtual-routers and the pods' addresses.
	 * @return the address of the workload's pod
	 */
	private String provisionNodes() {
		provisionVirtualRouters();
		List<String> addresses = tungstenFabric.allocatePodInstanceIps(SeedStory.TF_CLUSTER_NAME,
				SeedStory.POD_NETWORK_PODS);
		return addresses.get(addresses.size() - 1);
	}

	private void seedWorkload(String podAddress) {
		SeedWorkload.apply(seed, kubernetes.url(), tungstenFabric.url(), podAddress, json);
	}

	/**
	 * A virtual-router named after each node's hostname, which its vrouter agent looks up as
	 * its own configuration; the agent's provisioning writes one at each start when missing.
	 */
	private void provisionVirtualRouters() {
		tungstenFabric.provisionVirtualRouter(seed.masterName(), seed.masterAddress(settings));
		tungstenFabric.provisionVirtualRouter(seed.workerName(), seed.workerAddress(settings));
	}

	private KubernetesSeed kubernetesSeed() {
		return new KubernetesSeed("v1.28.15", SeedStory.TF_POD_SUBNET, seed.kubeadmServiceSubnet(), "cluster.local",
				List.of(new SeedNode(seed.masterName(), seed.masterAddress(settings),
						List.of("control-plane", "opencontrail.org/controller"), SeedStory.CONTROLLER),
						new SeedNode(seed.workerName(), seed.workerAddress(settings), List.of("opencontrail.org/vrouter"),
								seed.worker())),
				seed.env(settings), seed.kubeManagerConfig(settings));
	}

	/**
	 * What a DaemonSet pod's restart changes: a control node that starts again reads its BGP
	 * configuration (the race that left it without one is gone), and the agents then reconnect;
	 * a restarted kube-manager reads its ConfigMaps again and provisions what is missing.
	 */
	private void podReplaced(String daemonSet, String nodeName, String oldPod, String newPod) {
		log.info("Sandbox {}: pod {} of {} on {} was replaced by {}", seed.name(), oldPod, daemonSet, nodeName, newPod);
		switch (daemonSet) {
			case "contrail-controller-control" -> {
				processes.controlRecovered();
				applyProcessStates();
			}
			case "contrail-kube-manager" -> kubeManagerRestarted();
			default -> {
			}
		}
	}

	private void kubeManagerRestarted() {
		Map<String, String> settings = kubernetes.kubeManagerSettings(NAMESPACE, KUBE_MANAGER_CONFIG_MAPS);
		tungstenFabric.provisionLikeKubeManager(settings.getOrDefault("KUBERNETES_CLUSTER_NAME", "k8s"),
				subnets(settings, "KUBERNETES_POD_SUBNETS", SeedStory.TF_POD_SUBNET),
				subnets(settings, "KUBERNETES_SERVICE_SUBNETS", SeedStory.TF_SERVICE_SUBNET),
				subnets(settings, "KUBERNETES_IP_FABRIC_SUBNETS", SeedStory.TF_IP_FABRIC_SUBNET),
				ipFabricForwarding(settings));
	}

	/** kube-manager's entrypoint defaults KUBERNETES_IP_FABRIC_FORWARDING to false. */
	private static boolean ipFabricForwarding(Map<String, String> settings) {
		return "true".equalsIgnoreCase(settings.getOrDefault("KUBERNETES_IP_FABRIC_FORWARDING", "false").strip());
	}

	/** kube-manager splits its subnet settings on whitespace; absent keys take the entrypoint's default. */
	private static List<String> subnets(Map<String, String> settings, String key, String fallback) {
		String value = settings.get(key);
		return value == null || value.isBlank() ? List.of(fallback) : List.of(value.trim().split("\\s+"));
	}

	/**
	 * IFMap hands the control node its bgp-router, and each agent its virtual-router, when one
	 * is created or deleted; a change of anything else leaves the processes as they are.
	 */
	private void tfConfigChanged() {
		if (!selfConfig().equals(selfConfigSeen)) {
			applyProcessStates();
		}
		peeringChanged();
	}

	/** Lets the control node peer with the other clusters' control nodes, as their TF configs say. */
	void others(List<EmulatedCluster> clusters) {
		others = clusters.stream().filter(cluster -> cluster != this).toList();
		peeringChanged();
	}

	/**
	 * Sets the state of the control node's BGP session with that peer, whatever the TF configs
	 * say; null gives the session back to them.
	 * @throws IllegalArgumentException when the state is not one of the BGP state machine
	 */
	void bgpPeerState(String peer, @Nullable String state) {
		if (state == null) {
			peerStates.remove(peer);
		}
		else if (!BgpNeighbor.STATES.contains(state)) {
			throw new IllegalArgumentException("'" + state + "' is not a state of the BGP state machine " + BgpNeighbor.STATES);
		}
		else {
			peerStates.put(peer, state);
		}
		showPeers();
	}

	/**
	 * Reads this side again (the bgp-routers its TF config peers the control node with, whether
	 * the control node speaks BGP), then shows the sessions of every cluster. Each cluster reads
	 * only its own TF config here, so that concurrent writes to two clusters never wait for each
	 * other.
	 */
	private void peeringChanged() {
		peering = new Peering(seed.masterAddress(settings), !controlStuck(),
				tungstenFabric.bgpPeers(seed.masterName()), tungstenFabric.globalAsn());
		showPeers();
		others.forEach(EmulatedCluster::showPeers);
	}

	/**
	 * The control node's BGP neighbors are the bgp-routers its configuration peers it with. A
	 * session is Established when both control nodes speak BGP and the other cluster's
	 * configuration peers back; Idle while this control node has no BGP configuration for
	 * itself; Active (it keeps connecting and is refused) when the other side does not take part.
	 */
	private synchronized void showPeers() {
		IntrospectEmulator master = nodes.get(seed.masterName());
		if (master == null) {
			return;
		}
		Peering self = peering;
		Set<String> shown = new HashSet<>();
		for (TfConfigApiEmulator.BgpPeer peer : self.peers()) {
			String state = peerStates.getOrDefault(peer.name(), sessionState(self, peer));
			master.bgpNeighbor(BgpNeighbor.bgp(peer.name(), peer.address(), peer.asn(), self.localAsn(),
					peer.routerType(), state));
			shown.add(peer.name());
		}
		master.bgpNeighbors()
			.stream()
			.filter(neighbor -> BgpNeighbor.BGP.equals(neighbor.encoding()) && !shown.contains(neighbor.peer()))
			.forEach(neighbor -> master.removeBgpNeighbor(neighbor.peer()));
	}

	private String sessionState(Peering self, TfConfigApiEmulator.BgpPeer peer) {
		if (!self.speaksBgp()) {
			return "Idle";
		}
		boolean answered = others.stream()
			.map(other -> other.peering)
			.anyMatch(other -> other.address().equals(peer.address()) && other.speaksBgp()
					&& other.peers().stream().anyMatch(back -> back.address().equals(self.address())));
		return answered ? BgpNeighbor.ESTABLISHED : "Active";
	}

	/** The control node's bgp-router, then each node's virtual-router: whether each exists. */
	private List<Boolean> selfConfig() {
		List<Boolean> present = new ArrayList<>();
		present.add(tungstenFabric.hasBgpRouter(seed.masterName()));
		nodes.keySet().forEach(node -> present.add(tungstenFabric.hasVirtualRouter(node)));
		return present;
	}

	/**
	 * Either cause of "No BGP configuration for self" (reference §7.6): no bgp-router named
	 * after the control node's hostname, which only creating one heals, or a stale
	 * subscription, which a restart of the control pod heals.
	 */
	private boolean controlWithoutBgpConfig() {
		selfConfigSeen = selfConfig();
		return !selfConfigSeen.get(0) || processes.controlStuck();
	}

	/**
	 * Restarts the pods on the pod network (kube-dns's), as {@code kubectl rollout restart} would:
	 * they give their addresses back and take new ones, from the first subnet of the pod
	 * network's IPAM that has free addresses.
	 */
	List<String> restartPodNetworkPods() {
		Map<String, String> settings = kubernetes.kubeManagerSettings(NAMESPACE, KUBE_MANAGER_CONFIG_MAPS);
		return tungstenFabric.restartPodNetworkPods(settings.getOrDefault("KUBERNETES_CLUSTER_NAME", "k8s"));
	}

	/** Deletes the control node's bgp-router, so that it has no BGP configuration for itself until one is created. */
	void deleteBgpRouter() {
		if (!tungstenFabric.deleteBgpRouter(seed.masterName())) {
			throw new IllegalStateException(seed.masterName() + " has no bgp-router");
		}
	}

	private void applyProcessStates() {
		peeringChanged();
		IntrospectEmulator master = nodes.get(seed.masterName());
		if (controlWithoutBgpConfig()) {
			master.controlWithoutBgpConfig();
			nodes.values().forEach(IntrospectEmulator::vrouterAgentWithoutSelfConfig);
		}
		else {
			master.healthy(SandeshProcess.CONTROL);
			nodes.forEach((name, node) -> {
				node.healthy(SandeshProcess.VROUTER_AGENT);
				if (!tungstenFabric.hasVirtualRouter(name)) {
					// its XMPP sessions are up, but nothing is configured for its hostname
					node.state(SandeshProcess.VROUTER_AGENT, ProcessStatus.NON_FUNCTIONAL,
							ProcessFaults.vrouterAgentNoSelfConfig(List.of()));
				}
			});
		}
		processes.overrides().forEach(override -> {
			IntrospectEmulator node = nodes.get(override.node());
			if (node != null) {
				SandeshProcess.of(override.pod(), override.service())
					.ifPresent(service -> node.state(service, override.state(), override.description()));
			}
		});
	}

	/** Sets one process's state and description, as a demo or a test wants it. */
	void processState(String node, String pod, String service, String state, String description) {
		processes.override(new ProcessStates.Override(node, pod, service, state, description));
		applyProcessStates();
	}

	/** Makes one API down, slow or failing; all defaults clear its faults but leave its write counts. */
	void fault(FaultRequest fault) {
		Duration latency = Duration.ofMillis(fault.latencyMs());
		Duration hang = Duration.ofMillis(fault.hangMs());
		switch (fault.target()) {
			case "kubernetes" -> {
				kubernetes.latency(latency);
				// the shares are of one draw: cleared first, so the old ones never add to the new
				kubernetes.errorRate(0);
				kubernetes.timeoutRate(0, hang);
				kubernetes.lostAnswerRate(0, hang);
				kubernetes.errorRate(fault.errorRate());
				kubernetes.timeoutRate(fault.timeoutRate(), hang);
				kubernetes.lostAnswerRate(fault.lostAnswerRate(), hang);
				kubernetes.down(fault.down());
			}
			case "tungsten-fabric" -> {
				tungstenFabric.latency(latency);
				tungstenFabric.errorRate(0);
				tungstenFabric.timeoutRate(0, hang);
				tungstenFabric.lostAnswerRate(0, hang);
				tungstenFabric.errorRate(fault.errorRate());
				tungstenFabric.timeoutRate(fault.timeoutRate(), hang);
				tungstenFabric.lostAnswerRate(fault.lostAnswerRate(), hang);
				tungstenFabric.down(fault.down());
			}
			case "introspect" -> nodes.values().forEach(node -> {
				node.latency(latency);
				node.down(fault.down());
			});
			default -> throw new IllegalArgumentException("unknown target " + fault.target());
		}
	}

	/** The writes each API accepted from clients, per object, since the emulators started. */
	WritesView writes() {
		return new WritesView(seed().name(), kubernetes.writes(), tungstenFabric.writes());
	}

	/**
	 * Makes a container of the node's TF pods crash-loop while its pod keeps running, or run
	 * again; the Kubernetes API reports it, and a new pod (a restart, a reset) starts it running.
	 * @throws IllegalArgumentException when no TF pod on the node has such a container
	 */
	void crashLoop(String node, String container, boolean crashLooping) {
		kubernetes.crashLoop(node, container, crashLooping);
	}

	/**
	 * Serves every node's introspect over HTTPS that requires a client certificate, with a new
	 * throwaway CA, or over plain HTTP again. Kept in memory only: a restart serves plain HTTP.
	 * @return the certificates in use, null when introspect is plain HTTP
	 */
	synchronized @Nullable IntrospectCertificates introspectTls(boolean enabled) {
		if (!enabled) {
			introspectTls = null;
			nodes.values().forEach(node -> node.tls(null));
			return null;
		}
		if (introspectTls == null) {
			List<String> addresses = nodes.values().stream().map(IntrospectEmulator::nodeAddress).toList();
			IntrospectCertificates certificates = IntrospectCertificates.create(seed.name(), addresses);
			nodes.values().forEach(node -> node.tls(certificates.serverContext()));
			introspectTls = certificates;
		}
		return introspectTls;
	}

	boolean hasService(String node, String pod, String service) {
		IntrospectEmulator emulator = nodes.get(node);
		return emulator != null && SandeshProcess.of(pod, service)
			.filter(candidate -> emulator.services().contains(candidate))
			.isPresent();
	}

	boolean controlStuck() {
		return processes.controlStuck() || !tungstenFabric.hasBgpRouter(seed.masterName());
	}

	SeedCluster seed() {
		return seed;
	}

	/**
	 * One cluster's side of its BGP sessions.
	 *
	 * @param speaksBgp whether its control node has BGP configuration for itself
	 * @param peers the bgp-routers its configuration peers the control node with
	 */
	private record Peering(String address, boolean speaksBgp, List<TfConfigApiEmulator.BgpPeer> peers, long localAsn) {
	}

	EmulatedKubernetes kubernetes() {
		return kubernetes;
	}

	TfConfigApiEmulator tungstenFabric() {
		return tungstenFabric;
	}

	Map<String, IntrospectEmulator> nodes() {
		return nodes;
	}

	@Override
	public void close() {
		nodes.values().forEach(IntrospectEmulator::close);
		tungstenFabric.close();
		kubernetes.close();
	}

}
