package io.tfmesh.emulator.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tfmesh.emulator.tf.TfStore.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the provisioner and kube-manager write for the nodes of a cluster: a virtual-router
 * named by each node's hostname ({@code provision_vrouter.py}), which the vrouter agent
 * looks up as its own configuration, and an instance-ip for each pod on the pod network
 * ({@code vnc_pod.py} {@code _create_iip}).
 */
final class ComputeNodes {

	private final TfStore store;

	ComputeNodes(TfStore store) {
		this.store = store;
	}

	void provisionVirtualRouter(String hostname, String address) {
		synchronized (store) {
			List<String> fqName = List.of("default-global-system-config", hostname);
			if (store.find("virtual-router", fqName) != null) {
				return;
			}
			ObjectNode fields = TfStore.NODES.objectNode();
			fields.put("parent_type", "global-system-config");
			fields.putArray("fq_name").add(fqName.get(0)).add(hostname);
			fields.put("virtual_router_ip_address", address);
			store.create("virtual-router", TfStore.wrap("virtual-router", fields), true);
		}
	}

	/** @return the addresses given to the pods, in order */
	List<String> podInstanceIps(String clusterName, int pods) {
		synchronized (store) {
			List<String> network = List.of(KubeManagerSeed.DOMAIN, clusterName + "-default",
					clusterName + "-default-pod-network");
			Stored podNetwork = store.find("virtual-network", network);
			if (podNetwork == null) {
				throw new IllegalStateException("cluster " + clusterName + " has no pod network yet");
			}
			List<String> addresses = new ArrayList<>();
			for (int pod = 0; pod < pods; pod++) {
				ObjectNode fields = TfStore.NODES.objectNode();
				fields.putArray("fq_name").add(clusterName + "-pod-" + pod + "__" + UUID.randomUUID());
				ObjectNode ref = fields.putArray("virtual_network_refs").addObject();
				ref.put("uuid", podNetwork.uuid());
				fields.put("instance_ip_family", "v4");
				Stored created = store.create("instance-ip", TfStore.wrap("instance-ip", fields), true);
				addresses.add(created.object().path("instance_ip_address").asString());
			}
			return addresses;
		}
	}

	/**
	 * What restarting every pod on the pod network does to TF: each pod's instance-ip goes and
	 * its new pod gets one, taking the first free address of the network's subnets in their
	 * order, as a first start does.
	 * @return the new addresses
	 */
	List<String> restartPodInstanceIps(String clusterName) {
		synchronized (store) {
			String prefix = clusterName + "-pod-";
			List<Stored> held = store.all()
				.stream()
				.filter(stored -> stored.type().equals("instance-ip"))
				.filter(stored -> stored.fqName().size() == 1 && stored.fqName().get(0).startsWith(prefix))
				.toList();
			held.forEach(stored -> store.delete("instance-ip", stored.uuid(), ""));
			return podInstanceIps(clusterName, held.size());
		}
	}

	boolean hasVirtualRouter(String hostname) {
		return store.find("virtual-router", List.of("default-global-system-config", hostname)) != null;
	}

	boolean hasBgpRouter(String hostname) {
		return store.find("bgp-router", bgpRouterName(hostname)) != null;
	}

	/**
	 * The bgp-routers peered with the control node's: those it refers to and those that refer
	 * to it, as the control node learns its neighbors from IFMap.
	 */
	List<TfConfigApiEmulator.BgpPeer> bgpPeers(String hostname) {
		synchronized (store) {
			Stored self = store.find("bgp-router", bgpRouterName(hostname));
			if (self == null) {
				return List.of();
			}
			List<String> referred = new ArrayList<>();
			self.object().path("bgp_router_refs").forEach(ref -> referred.add(ref.path("uuid").asString()));
			return store.list("bgp-router", router -> !router.uuid().equals(self.uuid())
					&& (referred.contains(router.uuid()) || TfStore.refersTo(router, self.uuid())))
				.stream()
				.map(router -> {
					// a peer that provision_bgp.py created by name only has no parameters yet
					var parameters = router.object().path("bgp_router_parameters");
					return new TfConfigApiEmulator.BgpPeer(router.fqName().get(router.fqName().size() - 1),
							text(parameters.path("address")),
							parameters.path("autonomous_system").isNumber()
									? parameters.path("autonomous_system").asLong() : 0,
							text(parameters.path("router_type")));
				})
				.toList();
		}
	}

	/**
	 * Deletes as {@code DELETE /bgp-router/<uuid>} does.
	 * @return false when there was none
	 * @throws IllegalStateException with contrail-api's answer when it refuses, such as a
	 * peering that still refers to it
	 */
	boolean deleteBgpRouter(String hostname, String base) {
		synchronized (store) {
			Stored router = store.find("bgp-router", bgpRouterName(hostname));
			if (router == null) {
				return false;
			}
			try {
				store.delete("bgp-router", router.uuid(), base);
			}
			catch (ApiError ex) {
				throw new IllegalStateException(ex.status() + " " + ex.getMessage(), ex);
			}
			return true;
		}
	}

	private static String text(JsonNode node) {
		return node.isString() ? node.asString() : "";
	}

	private static List<String> bgpRouterName(String hostname) {
		List<String> fqName = new ArrayList<>(KubeManagerSeed.IP_FABRIC_INSTANCE);
		fqName.add(hostname);
		return fqName;
	}

}
