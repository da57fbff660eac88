package io.tfmesh.health.fix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.fabric.tf.BgpRouter.BgpRouterParameters;
import io.tfmesh.health.diagnose.Finding;
import io.tfmesh.health.diagnose.Finding.Fix;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.plan.PlannedStep;
import io.tfmesh.plan.StepAction;
import io.tfmesh.plan.StepOperation.DeleteTfObject;
import io.tfmesh.plan.StepOperation.RestartPods;
import io.tfmesh.plan.StepOperation.WriteTfObject;
import io.tfmesh.plan.StepSystem;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.UnprocessableException;

/**
 * Turns a finding's proposed fix into the steps of a change plan, with the values the finding
 * read. A value it did not read refuses the fix: a plan never writes a default in its place.
 */
final class FixSteps {

	static final String CREATE_BGP_ROUTER = "create-bgp-router";

	static final String RESTART_POD = "restart-pod";

	/** A control node's bgp-router as TF provisions it (TFC {@code src/config/utils/provision_bgp.py}). */
	static final String CONTROL_NODE = "control-node";

	static final String CONTRAIL = "contrail";

	static final int BGP_PORT = 179;

	static final List<String> CONTROL_FAMILIES = List.of("route-target", "inet-vpn", "e-vpn", "erm-vpn", "inet6-vpn");

	private FixSteps() {
	}

	/**
	 * @param observed the cluster's observation the finding was made against
	 * @throws UnprocessableException when the finding proposes no fix a plan carries out, or
	 * when a value the fix needs was not read
	 */
	static List<PlannedStep> of(Finding finding, ObservedState observed) {
		Fix fix = finding.fix();
		if (fix == null) {
			throw refused("code", "the finding " + describe(finding) + " proposes no fix: what would decide its cause "
					+ "was not read");
		}
		return switch (fix.kind()) {
			case CREATE_BGP_ROUTER -> List.of(createBgpRouter(finding, fix, observed));
			case RESTART_POD -> List.of(restartPod(finding, fix, observed));
			default -> throw refused("code", "the fix of " + describe(finding) + " (" + fix.kind() + ": "
					+ fix.description() + ") is not one tfmesh carries out as a plan; only " + CREATE_BGP_ROUTER
					+ " and " + RESTART_POD + " are");
		};
	}

	private static PlannedStep createBgpRouter(Finding finding, Fix fix, ObservedState observed) {
		Map<String, String> parameters = fix.parameters();
		List<FieldProblem> missing = new ArrayList<>();
		String hostname = parameters.get("hostname");
		String address = parameters.get("address");
		String asn = parameters.get("asn");
		if (hostname == null) {
			missing.add(new FieldProblem("hostname", "the control node's hostname was not read"));
		}
		if (address == null) {
			missing.add(new FieldProblem("address", "the InternalIP of node " + finding.node() + " was not read ("
					+ "kubernetes/nodes), so the bgp-router's address is unknown"));
		}
		if (asn == null) {
			missing.add(new FieldProblem("asn", "the cluster's autonomous system (global-system-config) was not read, "
					+ "so the bgp-router's ASN is unknown"));
		}
		if (!missing.isEmpty()) {
			throw new UnprocessableException(missing);
		}
		List<String> fqName = new ArrayList<>(BgpRouter.PARENT);
		fqName.add(hostname);
		BgpRouter router = new BgpRouter(null, fqName, new BgpRouterParameters(CONTROL_NODE, CONTRAIL, address, address,
				Long.parseLong(asn), BGP_PORT, 0, CONTROL_FAMILIES, false), List.of());
		Map<String, String> after = new LinkedHashMap<>();
		after.put("router_type", CONTROL_NODE);
		after.put("vendor", CONTRAIL);
		after.put("address", address + ":" + BGP_PORT);
		after.put("identifier", address);
		after.put("autonomous_system", asn);
		after.put("address_families", String.join(" ", CONTROL_FAMILIES));
		String object = String.join(":", fqName);
		return new PlannedStep(key(observed, StepSystem.TUNGSTEN_FABRIC, BgpRouter.TYPE, object), observed.clusterId(),
				observed.clusterName(), StepSystem.TUNGSTEN_FABRIC, BgpRouter.TYPE, object, StepAction.CREATE, Map.of(),
				after, List.of(),
				"the control node on " + hostname + " reads its BGP configuration over IFMap without a restart; "
						+ "the agents then reconnect to it",
				new WriteTfObject(router), new DeleteTfObject(BgpRouter.TYPE, fqName));
	}

	private static PlannedStep restartPod(Finding finding, Fix fix, ObservedState observed) {
		Map<String, String> parameters = fix.parameters();
		String node = parameters.get("node");
		String name = parameters.get("pod");
		if (node == null || name == null) {
			throw refused("pod", "the pod to restart on " + (node == null ? finding.node() : node) + " was not read "
					+ "(kubernetes/tf-pods), so which pod to delete is unknown");
		}
		PodInfo pod = observed.tfPods().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
		if (pod == null) {
			throw refused("pod", "the pod " + name + " is not in the cluster's latest observation; it may have been "
					+ "replaced already");
		}
		if (!"DaemonSet".equals(pod.ownerKind()) || pod.ownerName() == null) {
			throw refused("pod", "the pod " + name + " does not belong to a DaemonSet (its owner is "
					+ (pod.ownerKind() == null ? "not read" : pod.ownerKind()) + "), so nothing would start it again");
		}
		String object = pod.namespace() + "/" + pod.ownerName() + " on " + node;
		Map<String, String> before = Map.of("pod", name);
		Map<String, String> after = Map.of("pod", "a new pod that DaemonSet " + pod.ownerName() + " starts on " + node);
		return new PlannedStep(key(observed, StepSystem.KUBERNETES, "daemonset", object), observed.clusterId(),
				observed.clusterName(), StepSystem.KUBERNETES, "daemonset", object, StepAction.RESTART, before, after,
				List.of(), "restarts " + name + " on " + node + ": what it runs stops until its DaemonSet starts a new "
						+ "pod, which reads its configuration afresh",
				new RestartPods(pod.namespace(), pod.ownerName(), node), null);
	}

	private static String key(ObservedState observed, StepSystem system, String type, String object) {
		return observed.clusterName() + "/" + system.id() + "/" + type + "/" + object;
	}

	static String describe(Finding finding) {
		return finding.code() + (finding.node() == null ? "" : " on " + finding.node());
	}

	private static UnprocessableException refused(String field, String message) {
		return new UnprocessableException(List.of(new FieldProblem(field, message)));
	}

}
