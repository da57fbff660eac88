package io.tfmesh.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.tfmesh.fabric.kubernetes.ServiceExport;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.fabric.tf.GlobalSystemConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.NetworkPolicy;
import io.tfmesh.fabric.tf.TfObject;
import io.tfmesh.fabric.tf.VirtualNetwork;
import org.jspecify.annotations.Nullable;

/**
 * What a worker does to carry a step out, stored with the step. Every operation is stated as the
 * value its object must end with, never as a change relative to what is there, so that a worker
 * that runs it again after a crash reads the object, finds it already in place and writes
 * nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = StepOperation.SetConfigMapKeys.class, name = "set-configmap-keys"),
		@JsonSubTypes.Type(value = StepOperation.RestartPods.class, name = "restart-pods"),
		@JsonSubTypes.Type(value = StepOperation.ImportService.class, name = "import-service"),
		@JsonSubTypes.Type(value = StepOperation.WriteTfObject.class, name = "write-tf-object"),
		@JsonSubTypes.Type(value = StepOperation.DeleteTfObject.class, name = "delete-tf-object"),
		@JsonSubTypes.Type(value = StepOperation.RemoveImportedService.class, name = "remove-imported-service") })
public sealed interface StepOperation {

	/**
	 * The ConfigMap ends with these keys set to these values; its other keys stay as they are.
	 *
	 * @param remove keys that must end absent (a reverse plan removes what a plan added)
	 */
	record SetConfigMapKeys(String namespace, String name, Map<String, String> values, List<String> remove)
			implements StepOperation {

		public SetConfigMapKeys {
			values = new TreeMap<>(values);
			remove = remove == null ? List.of() : List.copyOf(remove);
		}

	}

	/**
	 * Every pod of the DaemonSet that was created before the step first started is deleted once,
	 * so that its controller starts one that reads the new settings. Pods created after that
	 * are the restarted ones and are left alone.
	 *
	 * @param node the one node whose pod restarts, null for every node's
	 */
	record RestartPods(String namespace, String daemonSet, @Nullable String node) implements StepOperation {

		public RestartPods(String namespace, String daemonSet) {
			this(namespace, daemonSet, null);
		}

	}

	/** The selectorless Service and its EndpointSlices end as given. */
	record ImportService(ServiceExport service) implements StepOperation {
	}

	/**
	 * The object with this fq_name ends with the modelled fields given here: created when it
	 * does not exist, updated when a modelled field differs, left alone otherwise.
	 */
	record WriteTfObject(@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY,
			property = "type") @JsonSubTypes({ @JsonSubTypes.Type(value = NetworkIpam.class, name = NetworkIpam.TYPE),
					@JsonSubTypes.Type(value = VirtualNetwork.class, name = VirtualNetwork.TYPE),
					@JsonSubTypes.Type(value = NetworkPolicy.class, name = NetworkPolicy.TYPE),
					@JsonSubTypes.Type(value = BgpRouter.class, name = BgpRouter.TYPE),
					@JsonSubTypes.Type(value = GlobalSystemConfig.class,
							name = GlobalSystemConfig.TYPE) }) TfObject object)
			implements StepOperation {
	}

	/**
	 * The Service and EndpointSlices tfmesh made under this name end absent; one that tfmesh
	 * does not manage is left alone.
	 */
	record RemoveImportedService(String namespace, String name) implements StepOperation {
	}

	/** The object with this fq_name ends absent. */
	record DeleteTfObject(String type, List<String> fqName) implements StepOperation {

		public DeleteTfObject {
			fqName = List.copyOf(fqName);
		}

	}

}
