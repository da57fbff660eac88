package io.tfmesh.emulator.introspect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;


/**
 * The Sandesh introspect of the TF processes of one emulated node: each process answers
 * {@code GET /Snh_SandeshUVECacheReq?x=NodeStatus} on the node's own address at its real
 * introspect port, with the state set here. Safe to use from several threads.
 */
public final class IntrospectEmulator implements AutoCloseable {

	private final InetAddress address;

	private final String nodeName;

	private final List<String> controlNodes;

	private final List<SandeshProcess> services;

	private final Map<SandeshProcess, ProcessStatus> processes = new ConcurrentHashMap<>();

	private final SandeshPorts ports;

	private boolean down;

	private boolean closed;

	private IntrospectEmulator(InetAddress address, String nodeName, List<String> controlNodes,
			Map<Integer, SandeshProcess> byPort) {
		this.address = address;
		this.nodeName = nodeName;
		this.controlNodes = List.copyOf(controlNodes);
		this.services = List.copyOf(byPort.values());
		this.ports = new SandeshPorts(address, byPort,
				service -> NodeStatusXml.of(nodeName, processes.get(service)));
		services.forEach(this::healthy);
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
	public void latency(Duration latency) {
		if (latency.isNegative()) {
			throw new IllegalArgumentException("latency must not be negative");
		}
		ports.latency(latency);
	}

	@Override
	public synchronized void close() {
		closed = true;
		ports.close();
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
