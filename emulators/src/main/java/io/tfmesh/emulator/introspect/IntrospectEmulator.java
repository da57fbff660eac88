package io.tfmesh.emulator.introspect;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;


/**
 * The Sandesh introspect of the TF processes of one emulated node: each process answers
 * {@code GET /Snh_SandeshUVECacheReq?x=NodeStatus} on the node's own address at its real
 * introspect port, with the state set here; the control node also answers
 * {@code GET /Snh_BgpNeighborReq} with the neighbors set here. Safe to use from several threads.
 */
public final class IntrospectEmulator implements AutoCloseable {

	/** {@code kPageLimit} of tf-controller's {@code src/bgp/bgp_show_handler.h}: XMPP neighbors per page. */
	static final int PAGE_LIMIT = 64;

	private final InetAddress address;

	private final String nodeName;

	private final List<String> controlNodes;

	private final List<SandeshProcess> services;

	private final Map<SandeshProcess, ProcessStatus> processes = new ConcurrentHashMap<>();

	private final Map<Integer, ProcessStatus> apiWorkers = new ConcurrentHashMap<>();

	private final Map<String, BgpNeighbor> neighbors = new ConcurrentHashMap<>();

	private volatile SandeshPorts ports;

	private volatile int configApiWorkers = 1;

	private Duration latency = Duration.ZERO;

	private volatile @Nullable SSLContext tls;

	private boolean down;

	private boolean closed;

	private IntrospectEmulator(InetAddress address, String nodeName, List<String> controlNodes,
			Map<Integer, SandeshProcess> byPort) {
		this.address = address;
		this.nodeName = nodeName;
		this.controlNodes = List.copyOf(controlNodes);
		this.services = List.copyOf(byPort.values());
		services.forEach(this::healthy);
		this.ports = ports();
	}

	/**
	 * An all-in-one node: its vrouter agent peers with the control node on the same address.
	 * @see #start(String, String, List, List)
	 */
	public static IntrospectEmulator start(String nodeAddress, String nodeName, List<SandeshProcess> services) {
		return start(nodeAddress, nodeName, services, List.of(nodeAddress));
	}

	/**
	 * Starts answering for the given processes, every one healthy.
	 * @param nodeAddress an IP address of this machine, such as 127.0.11.1
	 * @param nodeName the node's hostname, reported as NodeStatus {@code name}
	 * @param controlNodes addresses of the cluster's control nodes: the vrouter agent's XMPP
	 * peers; the first also hosts the collector every process reports to
	 * @throws IllegalArgumentException for a service without introspect port, or two on one port
	 * @throws IllegalStateException when a port is taken on that address
	 */
	public static IntrospectEmulator start(String nodeAddress, String nodeName, List<SandeshProcess> services,
			List<String> controlNodes) {
		InetAddress address = literal(nodeAddress);
		if (controlNodes.isEmpty()) {
			throw new IllegalArgumentException("a node needs at least one control node");
		}
		Map<Integer, SandeshProcess> byPort = new LinkedHashMap<>();
		for (SandeshProcess service : services) {
			int port = service.port();
			SandeshProcess other = byPort.putIfAbsent(port, service);
			if (other != null && other != service) {
				throw new IllegalArgumentException(other.pod() + "/" + other.service() + " and " + service.pod() + "/"
						+ service.service() + " both use port " + port);
			}
		}
		IntrospectEmulator emulator = new IntrospectEmulator(address, nodeName, controlNodes, byPort);
		try {
			emulator.ports.listen();
		}
		catch (RuntimeException ex) {
			emulator.close();
			throw ex;
		}
		return emulator;
	}

	public String nodeAddress() {
		return address.getHostAddress();
	}

	public String nodeName() {
		return nodeName;
	}

	public List<SandeshProcess> services() {
		return services;
	}

	/** What the process reports now. */
	public ProcessStatus process(SandeshProcess service) {
		return processes.get(require(service));
	}

	/** Sets the process's state and description; its connections stay as they are. */
	public void state(SandeshProcess service, String state, @Nullable String description) {
		processes.computeIfPresent(require(service), (s, process) -> new ProcessStatus(process.moduleId(),
				process.instanceId(), state, description, process.connections()));
	}

	/** Sets the connections the process reports; its state stays as it is. */
	public void connections(SandeshProcess service, List<ConnectionInfo> infos) {
		processes.computeIfPresent(require(service), (s, process) -> new ProcessStatus(process.moduleId(),
				process.instanceId(), process.state(), process.description(), infos));
	}

	/** Functional, no description, every connection Up. */
	public void healthy(SandeshProcess service) {
		processes.put(require(service), new ProcessStatus(service.module(), "0", ProcessStatus.FUNCTIONAL, null,
				healthyConnections(service)));
	}

	/** The control node has no bgp-router configuration for itself. */
	public void controlWithoutBgpConfig() {
		state(SandeshProcess.CONTROL, ProcessStatus.NON_FUNCTIONAL, ProcessFaults.controlNoBgpConfig());
	}

	/**
	 * The vrouter agent has lost its XMPP sessions to every control node and has no
	 * configuration for itself, which is how it reads while its control node lacks BGP
	 * configuration for itself.
	 */
	public void vrouterAgentWithoutSelfConfig() {
		List<ConnectionInfo> connections = new ArrayList<>();
		controlNodes.forEach(control -> connections.add(ProcessFaults.xmpp(control, ConnectionInfo.DOWN)));
		connections.add(ProcessFaults.collector(controlNodes.get(0)));
		connections(SandeshProcess.VROUTER_AGENT, connections);
		state(SandeshProcess.VROUTER_AGENT, ProcessStatus.NON_FUNCTIONAL,
				ProcessFaults.vrouterAgentNoSelfConfig(connections));
	}

	/**
	 * Lists the neighbor in the control node's {@code Snh_BgpNeighborReq}, in place of one of
	 * the same name.
	 * @throws IllegalArgumentException when this node does not run the control node
	 */
	public void bgpNeighbor(BgpNeighbor neighbor) {
		require(SandeshProcess.CONTROL);
		neighbors.put(neighbor.peer(), neighbor);
	}

	/**
	 * Moves a listed neighbor to another state of the BGP state machine.
	 * @throws IllegalArgumentException when no neighbor has that name, or the state is not one
	 */
	public void bgpNeighborState(String peer, String state) {
		if (neighbors.computeIfPresent(peer, (name, neighbor) -> neighbor.withState(state)) == null) {
			throw new IllegalArgumentException("the control node on " + nodeAddress() + " has no neighbor " + peer);
		}
	}

	/** Stops listing the neighbor. */
	public void removeBgpNeighbor(String peer) {
		neighbors.remove(peer);
	}

	/** The control node's neighbors, by name. */
	public List<BgpNeighbor> bgpNeighbors() {
		return neighbors.values().stream().sorted(Comparator.comparing(BgpNeighbor::peer)).toList();
	}

	/**
	 * Runs the config API with this many workers, as {@code CONFIG_API_WORKER_COUNT} does:
	 * worker 0 is the {@link SandeshProcess#CONFIG_API} process on its port; worker i &gt; 0
	 * serves its own introspect on {@code 10000 + 8084 + (i - 1)} (tf-container-builder's
	 * {@code containers/controller/config/api/entrypoint.sh}); the api's port lists them all in
	 * its {@code ConfigApiWorker} UVE. New workers start healthy.
	 * @throws IllegalArgumentException when this node does not run the config API, or count &lt; 1
	 */
	public synchronized void configApiWorkers(int count) {
		require(SandeshProcess.CONFIG_API);
		if (count < 1) {
			throw new IllegalArgumentException("the config API runs at least one worker");
		}
		apiWorkers.keySet().removeIf(worker -> worker >= count);
		for (int worker = 1; worker < count; worker++) {
			apiWorkers.putIfAbsent(worker, new ProcessStatus(SandeshProcess.CONFIG_API.module(), "0",
					ProcessStatus.FUNCTIONAL, null, healthyConnections(SandeshProcess.CONFIG_API)));
		}
		configApiWorkers = count;
		rebind();
	}

	/** Sets one config API worker's state; worker 0 is the {@link SandeshProcess#CONFIG_API} process. */
	public void configApiWorker(int worker, String state, @Nullable String description) {
		if (worker == 0) {
			state(SandeshProcess.CONFIG_API, state, description);
			return;
		}
		if (apiWorkers.computeIfPresent(worker, (id, process) -> new ProcessStatus(process.moduleId(),
				process.instanceId(), state, description, process.connections())) == null) {
			throw new IllegalArgumentException("the config API on " + nodeAddress() + " has no worker " + worker);
		}
	}

	/**
	 * Serves every introspect port over HTTPS with this server identity, requiring a client
	 * certificate that the context's trust store accepts, as {@code INTROSPECT_SSL_ENABLE} does;
	 * null serves plain HTTP again.
	 * @throws IllegalStateException when a port was taken meanwhile
	 */
	public synchronized void tls(@Nullable SSLContext context) {
		this.tls = context;
		rebind();
	}

	/** The introspect port of a config API worker. */
	public static int configApiWorkerPort(int worker) {
		return (worker == 0) ? SandeshProcess.CONFIG_API.port() : 10000 + SandeshProcess.CONFIG_API.port() + worker - 1;
	}

	/**
	 * Stops listening on every port, so connections are refused, or listens again on the same
	 * ports.
	 * @throws IllegalStateException when a port was taken meanwhile
	 */
	public synchronized void down(boolean down) {
		if (closed || down == this.down) {
			return;
		}
		if (down) {
			ports.stop();
		}
		else {
			ports.listen();
		}
		this.down = down;
	}

	public synchronized boolean isDown() {
		return down;
	}

	/** Delays every answer by this much; zero answers at once. */
	public synchronized void latency(Duration latency) {
		if (latency.isNegative()) {
			throw new IllegalArgumentException("latency must not be negative");
		}
		this.latency = latency;
		ports.latency(latency);
	}

	@Override
	public synchronized void close() {
		closed = true;
		ports.close();
	}

	private SandeshPorts ports() {
		Map<Integer, String> byPort = new LinkedHashMap<>();
		services.forEach(service -> byPort.put(service.port(), service.module()));
		for (int worker = 1; worker < configApiWorkers; worker++) {
			byPort.put(configApiWorkerPort(worker), SandeshProcess.CONFIG_API.module() + " worker " + worker);
		}
		SandeshPorts built = new SandeshPorts(address, byPort, this::uve, this::request);
		built.latency(latency);
		built.tls(tls);
		return built;
	}

	private synchronized void rebind() {
		if (closed) {
			return;
		}
		ports.close();
		ports = ports();
		if (!down) {
			ports.listen();
		}
	}

	private @Nullable String uve(int port, String type) {
		SandeshProcess service = services.stream().filter(candidate -> candidate.port() == port).findFirst().orElse(null);
		if ("ConfigApiWorker".equals(type)) {
			return (service == SandeshProcess.CONFIG_API) ? ConfigApiWorkerXml.of(address.getHostAddress(),
					configApiWorkers, tls != null) : null;
		}
		if (!"NodeStatus".equals(type)) {
			return null;
		}
		if (service != null) {
			return NodeStatusXml.of(nodeName, processes.get(service));
		}
		for (Map.Entry<Integer, ProcessStatus> worker : apiWorkers.entrySet()) {
			if (configApiWorkerPort(worker.getKey()) == port) {
				return NodeStatusXml.of(nodeName, worker.getValue());
			}
		}
		return null;
	}

	private @Nullable String request(int port, URI target) {
		if (port != SandeshProcess.CONTROL.port() || !services.contains(SandeshProcess.CONTROL)
				|| !"/Snh_BgpNeighborReq".equals(target.getPath())) {
			return null;
		}
		return neighborPage(parameter(target.getRawQuery(), "search_string"));
	}

	/**
	 * The first page of {@code BgpNeighborReq} as {@code bgp_show_neighbor.cc} builds it: every
	 * BGP peer whose name or address the search string (a regular expression) matches, then at
	 * most {@link #PAGE_LIMIT} XMPP peers, with a {@code next_batch} when more are left.
	 */
	private String neighborPage(String searchString) {
		Pattern search;
		try {
			search = Pattern.compile(searchString);
		}
		catch (PatternSyntaxException ex) {
			return BgpNeighborXml.of(List.of(), null);
		}
		List<BgpNeighbor> matching = bgpNeighbors().stream()
			.filter(n -> search.matcher(n.peer()).find() || search.matcher(n.peerAddress()).find())
			.toList();
		List<BgpNeighbor> page = new ArrayList<>(
				matching.stream().filter(n -> BgpNeighbor.BGP.equals(n.encoding())).toList());
		List<BgpNeighbor> xmpp = matching.stream().filter(n -> BgpNeighbor.XMPP.equals(n.encoding())).toList();
		page.addAll(xmpp.subList(0, Math.min(PAGE_LIMIT, xmpp.size())));
		String nextBatch = (xmpp.size() > PAGE_LIMIT) ? xmpp.get(PAGE_LIMIT).peer() + "||" + searchString : null;
		return BgpNeighborXml.of(page, nextBatch);
	}

	private static String parameter(@Nullable String query, String name) {
		if (query == null) {
			return "";
		}
		for (String parameter : query.split("&")) {
			if (parameter.startsWith(name + "=")) {
				String value = parameter.substring(name.length() + 1);
				try {
					return URLDecoder.decode(value, StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					// a stray % is taken as it stands
					return value;
				}
			}
		}
		return "";
	}

	private List<ConnectionInfo> healthyConnections(SandeshProcess service) {
		List<ConnectionInfo> connections = new ArrayList<>();
		if (service == SandeshProcess.CONTROL) {
			connections.add(new ConnectionInfo("IFMap", "IFMapServer", List.of(), ConnectionInfo.UP, null));
		}
		if (service == SandeshProcess.VROUTER_AGENT) {
			controlNodes.forEach(control -> connections.add(ProcessFaults.xmpp(control, ConnectionInfo.UP)));
		}
		connections.add(ProcessFaults.collector(controlNodes.get(0)));
		return connections;
	}

	private static InetAddress literal(String text) {
		// only a literal: a name would be looked up, and a node's address is never one
		if (!text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address");
		}
		try {
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address", ex);
		}
	}

	private SandeshProcess require(SandeshProcess service) {
		if (!services.contains(service)) {
			throw new IllegalArgumentException(
					service.pod() + "/" + service.service() + " is not emulated on " + nodeAddress());
		}
		return service;
	}

}
