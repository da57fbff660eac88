package io.tfmesh.plan.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.fabric.tf.BgpRouter.BgpPeering;
import io.tfmesh.fabric.tf.BgpRouter.BgpRouterParameters;
import io.tfmesh.fabric.tf.GlobalSystemConfig;
import io.tfmesh.plan.StepAction;
import io.tfmesh.plan.StepOperation.DeleteTfObject;
import io.tfmesh.plan.StepOperation.WriteTfObject;
import io.tfmesh.plan.StepSystem;
import org.jspecify.annotations.Nullable;

/**
 * What lets two members' control nodes exchange routes: each member's global ASN set to the one
 * the mesh gave it (the schema transformer gives every routing instance a route target of the
 * global ASN, so peers need distinct ones), and in each member a bgp-router of type
 * {@code external-control-node} for every control node of every other member, peered with the
 * member's own control nodes. The routers are made as tf-controller's
 * {@code src/config/utils/provision_bgp.py} {@code add_bgp_router} makes them: vendor
 * {@code unknown} (a vendor of {@code contrail} would have the schema transformer rewrite the
 * ASN to the local one), the families of a non-control-node router, and the peering references
 * on the new router with the same families.
 */
final class PeeringSteps {

	static final String EXTERNAL_CONTROL_NODE = "external-control-node";

	static final String VENDOR = "unknown";

	/** provision_bgp.py's default families, without erm-vpn, which only control nodes support. */
	static final List<String> FAMILIES = List.of("route-target", "inet-vpn", "e-vpn", "inet6-vpn");

	static final long MAX_2_BYTE_ASN = 0xFFFFL;

	static final long MAX_4_BYTE_ASN = 0xFFFFFFFFL;

	private PeeringSteps() {
	}

	/** The member's global-system-config, before any bgp-router of either side. */
	static void asn(Cluster cluster, List<Cluster> peers, Draft draft) {
		Long wanted = cluster.asn();
		if (wanted == null) {
			draft.note(cluster.name() + ": the mesh gave it no ASN yet, so its BGP configuration is not planned");
			return;
		}
		Long current = cluster.tf().autonomousSystem();
		if (wanted < 1 || wanted > MAX_4_BYTE_ASN) {
			// global_system_config.py check_asn_range
			draft.note(cluster.name() + ": ASN " + wanted + " is out of range 1-4294967295 and is not planned");
			return;
		}
		boolean needs4Byte = wanted > MAX_2_BYTE_ASN
				|| peers.stream().anyMatch(peer -> peer.asn() != null && peer.asn() > MAX_2_BYTE_ASN);
		Boolean current4Byte = cluster.tf().enable4ByteAs();
		Boolean ibgpAutoMesh = cluster.tf().ibgpAutoMesh();
		if (current != null && current.equals(wanted) && (!needs4Byte || Boolean.TRUE.equals(current4Byte))) {
			return;
		}
		if (current == null || current4Byte == null || ibgpAutoMesh == null) {
			draft.note(cluster.name() + ": its global-system-config was not fully read (autonomous_system, "
					+ "enable_4byte_as, ibgp_auto_mesh), so its ASN is not planned; observe it again");
			return;
		}
		boolean enable4Byte = current4Byte || needs4Byte;
		Map<String, String> before = new LinkedHashMap<>();
		Map<String, String> after = new LinkedHashMap<>();
		if (!current.equals(wanted)) {
			before.put("autonomous_system", String.valueOf(current));
			after.put("autonomous_system", String.valueOf(wanted));
		}
		if (enable4Byte != current4Byte) {
			before.put("enable_4byte_as", String.valueOf(current4Byte));
			after.put("enable_4byte_as", String.valueOf(enable4Byte));
		}
		String risk = current.equals(wanted) ? "allows 4-byte ASNs, which peers with 4-byte ASNs need; nothing moves"
				: "control nodes of " + cluster.name() + " take AS " + wanted
						+ ": BGP sessions of routers configured for AS " + current
						+ " go down until they are reconfigured, and automatic route targets change";
		String object = String.join(":", GlobalSystemConfig.DEFAULT_FQ_NAME);
		String key = draft.add(cluster, StepSystem.TUNGSTEN_FABRIC, GlobalSystemConfig.TYPE, object,
				StepAction.UPDATE, before, after, List.of(), risk,
				new WriteTfObject(new GlobalSystemConfig(null, GlobalSystemConfig.DEFAULT_FQ_NAME, wanted, enable4Byte,
						ibgpAutoMesh)),
				new WriteTfObject(new GlobalSystemConfig(null, GlobalSystemConfig.DEFAULT_FQ_NAME, current,
						current4Byte, ibgpAutoMesh)));
		draft.asnStep(cluster, key);
	}

	/** In a member, one external-control-node bgp-router per control node of a peer. */
	static void routers(Cluster cluster, Cluster peer, Draft draft) {
		if (cluster.asn() == null || peer.asn() == null) {
			return;
		}
		List<BgpRouter> locals = cluster.controlNodes();
		List<BgpRouter> remotes = peer.controlNodes();
		if (locals.isEmpty() || remotes.isEmpty()) {
			draft.note(cluster.name() + ": no BGP session to " + peer.name() + " is planned: TF of "
					+ (locals.isEmpty() ? cluster.name() : peer.name()) + " has no control-node bgp-router");
			return;
		}
		for (BgpRouter remote : remotes) {
			router(cluster, peer, locals, remote, draft);
		}
	}

	private static void router(Cluster cluster, Cluster peer, List<BgpRouter> locals, BgpRouter remote, Draft draft) {
		BgpRouterParameters remoteParameters = remote.parameters();
		String name = peer.name() + "-" + Cluster.last(remote.fqName());
		List<String> fqName = new ArrayList<>(BgpRouter.PARENT);
		fqName.add(name);
		BgpRouter existing = existing(cluster, fqName, remoteParameters.address());
		if (existing != null && !EXTERNAL_CONTROL_NODE.equals(existing.parameters().routerType())) {
			draft.note(cluster.name() + ": no BGP session to " + peer.name() + "'s " + Cluster.last(remote.fqName())
					+ " is planned: its bgp-router " + String.join(":", existing.fqName()) + " is of type "
					+ existing.parameters().routerType());
			return;
		}
		if (existing != null) {
			fqName = existing.fqName();
		}
		List<BgpPeering> peers = new ArrayList<>(existing == null ? List.of() : existing.peers());
		for (BgpRouter local : locals) {
			if (peers.stream().noneMatch(peering -> peering.to().equals(local.fqName()))) {
				peers.add(new BgpPeering(local.fqName(), FAMILIES));
			}
		}
		String identifier = remoteParameters.identifier() == null || remoteParameters.identifier().isBlank()
				? remoteParameters.address() : remoteParameters.identifier();
		BgpRouterParameters parameters = new BgpRouterParameters(EXTERNAL_CONTROL_NODE, VENDOR,
				remoteParameters.address(), identifier, peer.asn(), remoteParameters.port() == 0 ? 179
						: remoteParameters.port(),
				existing == null ? 0 : existing.parameters().holdTime(), FAMILIES, false);
		BgpRouter wanted = new BgpRouter(existing == null ? null : existing.uuid(), fqName, parameters, peers);
		if (existing != null && existing.parameters().equals(parameters) && existing.peers().equals(peers)) {
			return;
		}
		List<String> dependsOn = new ArrayList<>(draft.asnStep(cluster));
		dependsOn.addAll(draft.asnStep(peer));
		String object = String.join(":", fqName);
		List<String> localNames = locals.stream().map(local -> Cluster.last(local.fqName())).toList();
		String risk = "opens BGP sessions from " + String.join(", ", localNames) + " to " + peer.name() + "'s control node " + Cluster.last(remote.fqName()) + " at "
				+ remoteParameters.address() + " (AS " + peer.asn() + "); routes flow once both sides have theirs";
		Map<String, String> before = existing == null ? new LinkedHashMap<>() : view(existing);
		Map<String, String> after = view(wanted);
		if (existing != null) {
			after.keySet().removeIf(field -> after.get(field).equals(before.get(field)));
			before.keySet().retainAll(after.keySet());
		}
		String key = draft.add(cluster, StepSystem.TUNGSTEN_FABRIC, BgpRouter.TYPE, object,
				existing == null ? StepAction.CREATE : StepAction.UPDATE, before, after, dependsOn, risk,
				new WriteTfObject(wanted),
				existing == null ? new DeleteTfObject(BgpRouter.TYPE, fqName) : new WriteTfObject(existing));
		draft.peeringStep(cluster, peer, key);
	}

	/** The router of that name, or an external control node that already has the address. */
	private static @Nullable BgpRouter existing(Cluster cluster, List<String> fqName, String address) {
		for (BgpRouter router : cluster.tf().bgpRouters()) {
			if (router.fqName().equals(fqName)) {
				return router;
			}
		}
		for (BgpRouter router : cluster.tf().bgpRouters()) {
			if (address.equals(router.parameters().address())) {
				return router;
			}
		}
		return null;
	}

	private static Map<String, String> view(BgpRouter router) {
		Map<String, String> view = new LinkedHashMap<>();
		BgpRouterParameters parameters = router.parameters();
		view.put("router_type", parameters.routerType());
		if (parameters.vendor() != null) {
			view.put("vendor", parameters.vendor());
		}
		view.put("address", parameters.address() + ":" + parameters.port());
		view.put("autonomous_system", String.valueOf(parameters.autonomousSystem()));
		view.put("address_families", String.join(" ", parameters.addressFamilies()));
		view.put("bgp_router_refs",
				String.join(", ", router.peers().stream().map(peer -> Cluster.last(peer.to())).toList()));
		return view;
	}

}
