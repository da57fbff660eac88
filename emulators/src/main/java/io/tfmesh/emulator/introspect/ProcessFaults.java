package io.tfmesh.emulator.introspect;

import java.util.List;
import java.util.stream.Collectors;


/**
 * The descriptions TF processes give when they are stuck, built the way the processes build
 * them, so the emulated ones read exactly like real ones.
 */
public final class ProcessFaults {

	/** Port of the collector that every process reports to. */
	static final int COLLECTOR_PORT = 8086;

	/** Port of the control node's XMPP server that vrouter agents connect to. */
	static final int CONTROL_XMPP_PORT = 5269;

	private ProcessFaults() {
	}

	/** Why a control node without a bgp-router named after its hostname is Non-Functional. */
	public static String controlNoBgpConfig() {
		return "No BGP configuration for self";
	}

	/**
	 * The generic description of a process whose connections are not all Up: each such
	 * connection as {@code <type>:<name>}, joined by ", ", then " connection down".
	 * @return empty when every connection is Up
	 */
	public static String connectionsDown(List<ConnectionInfo> connections) {
		String down = connections.stream()
			.filter(connection -> !ConnectionInfo.UP.equals(connection.status()))
			// a tor-agent's ToR session never makes it report itself down
			.filter(connection -> !"ToR".equals(connection.type()))
			.map(connection -> connection.type() + ":" + connection.name())
			.collect(Collectors.joining(", "));
		return down.isEmpty() ? "" : down + " connection down";
	}

	/**
	 * A vrouter agent that has no virtual-router configuration for itself: its connection
	 * problems, then "No Configuration for self".
	 */
	public static String vrouterAgentNoSelfConfig(List<ConnectionInfo> connections) {
		String down = connectionsDown(connections);
		return down.isEmpty() ? "No Configuration for self" : down + ", No Configuration for self";
	}

	/** A vrouter agent's XMPP session to one control node. */
	public static ConnectionInfo xmpp(String controlNode, String status) {
		return new ConnectionInfo("XMPP", "control-node:" + controlNode, List.of(controlNode + ":" + CONTROL_XMPP_PORT),
				status, null);
	}

	/** The connection to the analytics collector, which every TF process has. */
	public static ConnectionInfo collector(String collectorNode) {
		return new ConnectionInfo("Collector", "", List.of(collectorNode + ":" + COLLECTOR_PORT), ConnectionInfo.UP,
				"Established");
	}

}
