package io.tfmesh.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.fabric.kubernetes.KubernetesConnector;
import io.tfmesh.fabric.kubernetes.KubernetesConnectors;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.tf.TfConfigApi;
import io.tfmesh.fabric.tf.TfConfigApis;
import io.tfmesh.plan.StepOperation;
import io.tfmesh.plan.StepOperation.DeleteTfObject;
import io.tfmesh.plan.StepOperation.ImportService;
import io.tfmesh.plan.StepOperation.RemoveImportedService;
import io.tfmesh.plan.StepOperation.RestartPods;
import io.tfmesh.plan.StepOperation.SetConfigMapKeys;
import io.tfmesh.plan.StepOperation.WriteTfObject;

import org.springframework.stereotype.Component;

/**
 * Carries one operation out against its cluster. Each reads what is there first and writes only
 * what differs, so that running an operation again, after a crash between its write and the
 * record of it, writes nothing.
 */
@Component
class StepOperations {

	/** Reads of a ConfigMap that another writer changed in between, before the step gives up. */
	static final int CONFIGMAP_ATTEMPTS = 3;

	static final String IN_PLACE = "already in place";

	static final String RESTARTING = "restarting pods";

	private final KubernetesConnectors kubernetes;

	private final TfConfigApis tungstenFabric;

	StepOperations(KubernetesConnectors kubernetes, TfConfigApis tungstenFabric) {
		this.kubernetes = kubernetes;
		this.tungstenFabric = tungstenFabric;
	}

	/**
	 * @param progress what an earlier attempt of the same step recorded, and where this one records
	 * what it is about to do
	 * @return what was done, for the step's record
	 * @throws FabricException when the cluster's API did not do what was asked
	 */
	String carryOut(StepOperation operation, ClusterAccess access, StepProgress progress) {
		if (operation instanceof SetConfigMapKeys keys) {
			return setKeys(kubernetes.forCluster(access), keys);
		}
		if (operation instanceof RestartPods restart) {
			return restart(kubernetes.forCluster(access), restart, progress);
		}
		if (operation instanceof ImportService service) {
			String what = "Service " + service.service().namespace() + "/" + service.service().name();
			return kubernetes.forCluster(access).applyService(service.service())
					? "written " + what + " and its EndpointSlices" : IN_PLACE;
		}
		if (operation instanceof RemoveImportedService service) {
			return kubernetes.forCluster(access).removeService(service.namespace(), service.name())
					? "deleted Service " + service.namespace() + "/" + service.name() + " and its EndpointSlices"
					: "already absent";
		}
		if (operation instanceof WriteTfObject write) {
			return write(tungstenFabric.forCluster(access), write);
		}
		DeleteTfObject delete = (DeleteTfObject) operation;
		return delete(tungstenFabric.forCluster(access), delete);
	}

	private static String setKeys(KubernetesConnector connector, SetConfigMapKeys keys) {
		String what = "ConfigMap " + keys.namespace() + "/" + keys.name();
		for (int attempt = 1;; attempt++) {
			List<ConfigMapData> found = connector.configMaps(keys.namespace(), List.of(keys.name()));
			if (found.isEmpty()) {
				throw new FabricException("kubernetes", Kind.NOT_FOUND, 404, what + " does not exist");
			}
			ConfigMapData current = found.get(0);
			Map<String, String> set = new TreeMap<>();
			keys.values().forEach((key, value) -> {
				if (!Objects.equals(current.data().get(key), value)) {
					set.put(key, value);
				}
			});
			List<String> remove = keys.remove()
				.stream()
				.filter(key -> !keys.values().containsKey(key) && current.data().containsKey(key))
				.sorted()
				.toList();
			if (set.isEmpty() && remove.isEmpty()) {
				return IN_PLACE;
			}
			try {
				connector.patchConfigMap(keys.namespace(), keys.name(), current.resourceVersion(), set, remove);
			}
			catch (FabricException ex) {
				// someone else changed the ConfigMap since it was read: read it again
				if (ex.kind() == Kind.CONFLICT && attempt < CONFIGMAP_ATTEMPTS) {
					continue;
				}
				throw ex;
			}
			List<String> done = new ArrayList<>();
			if (!set.isEmpty()) {
				done.add("set " + String.join(", ", set.keySet()));
			}
			if (!remove.isEmpty()) {
				done.add("removed " + String.join(", ", remove));
			}
			return "written " + what + ": " + String.join("; ", done);
		}
	}

	/**
	 * The pods to delete are the DaemonSet's pods (on its node, when it names one) when the step
	 * first runs; their names are
	 * recorded before the first delete, and an attempt after a crash deletes only those. Pod
	 * creation times are not compared with tfmesh's clock: the API server's clock may differ,
	 * and creation times are whole seconds.
	 */
	private static String restart(KubernetesConnector connector, RestartPods restart, StepProgress progress) {
		List<String> targets = progress.recorded(RESTARTING).orElse(null);
		if (targets == null) {
			targets = connector.tfPods(restart.namespace())
				.stream()
				.filter(pod -> "DaemonSet".equals(pod.ownerKind()) && restart.daemonSet().equals(pod.ownerName()))
				.filter(pod -> restart.node() == null || restart.node().equals(pod.nodeName()))
				.map(PodInfo::name)
				.sorted()
				.toList();
			progress.record(RESTARTING, targets);
		}
		List<String> deleted = new ArrayList<>();
		for (String pod : targets) {
			try {
				connector.deletePod(restart.namespace(), pod);
				deleted.add(pod);
			}
			catch (FabricException ex) {
				// deleted by an attempt that stopped before recording it, or by someone else
				if (ex.kind() != Kind.NOT_FOUND) {
					throw ex;
				}
			}
		}
		String daemonSet = " of DaemonSet " + restart.namespace() + "/" + restart.daemonSet()
				+ (restart.node() == null ? "" : " on " + restart.node());
		if (deleted.isEmpty()) {
			return targets.isEmpty() ? "no pod" + daemonSet + " to restart"
					: "pods " + String.join(", ", targets) + daemonSet + " deleted already: " + IN_PLACE;
		}
		return "deleted pods " + String.join(", ", deleted) + daemonSet;
	}

	private static String write(TfConfigApi api, WriteTfObject write) {
		String what = write.object().type() + " " + String.join(":", write.object().fqName());
		return switch (api.write(write.object())) {
			case CREATED -> "created " + what;
			case UPDATED -> "updated " + what;
			case UNCHANGED -> IN_PLACE;
		};
	}

	private static String delete(TfConfigApi api, DeleteTfObject delete) {
		String what = delete.type() + " " + String.join(":", delete.fqName());
		try {
			api.delete(delete.type(), api.fqNameToId(delete.type(), delete.fqName()));
			return "deleted " + what;
		}
		catch (FabricException ex) {
			if (ex.kind() == Kind.NOT_FOUND) {
				return "already absent";
			}
			throw ex;
		}
	}

}
