package io.tfmesh.health;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.introspect.IntrospectClient;
import io.tfmesh.fabric.introspect.TfService;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.observe.ObservedState.ProcessHealth;
import org.jspecify.annotations.Nullable;

/**
 * Reads the neighbors of each control node of a cluster from its introspect
 * ({@code Snh_BgpNeighborReq} on port 8083), each node as its own task.
 */
class BgpNeighborReader {

	private static final int PORT = TfService.CONTROL.introspectPort().getAsInt();

	private final IntrospectClient introspect;

	private final Clock clock;

	BgpNeighborReader(IntrospectClient introspect, Clock clock) {
		this.introspect = introspect;
		this.clock = clock;
	}

	/**
	 * The neighbors of the control node on every node that runs one (has a {@code control}
	 * line in the poll's readings); a list that could not be read carries why.
	 */
	CompletableFuture<List<BgpNeighborList>> read(List<NodeInfo> nodes, List<ProcessHealth> processes,
			ClusterAccess.Introspect tls, Executor executor) {
		Set<String> controlNodes = new LinkedHashSet<>();
		processes.stream()
			.filter(p -> TfService.CONTROL.pod().equals(p.pod()) && TfService.CONTROL.service().equals(p.service()))
			.forEach(p -> controlNodes.add(p.node()));
		List<CompletableFuture<BgpNeighborList>> lists = controlNodes.stream()
			.map(node -> CompletableFuture.supplyAsync(() -> read(node, internalAddress(nodes, node), tls), executor))
			.toList();
		return CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new))
			.thenApply(done -> lists.stream().map(CompletableFuture::join).toList());
	}

	private BgpNeighborList read(String node, @Nullable String address, ClusterAccess.Introspect tls) {
		if (address == null) {
			return new BgpNeighborList(node, "kubernetes/nodes", clock.instant(), "the node has no InternalIP address",
					List.of());
		}
		String source = "introspect " + address + ":" + PORT + "/Snh_BgpNeighborReq";
		try {
			return new BgpNeighborList(node, source, clock.instant(), null, introspect.bgpNeighbors(address, PORT, tls));
		}
		catch (FabricException ex) {
			return new BgpNeighborList(node, source, clock.instant(), ex.getMessage(), List.of());
		}
	}

	private static @Nullable String internalAddress(List<NodeInfo> nodes, String node) {
		return nodes.stream()
			.filter(n -> n.name().equals(node))
			.flatMap(n -> n.addresses().stream())
			.filter(a -> "InternalIP".equals(a.type()))
			.map(a -> a.address())
			.findFirst()
			.orElse(null);
	}

}
