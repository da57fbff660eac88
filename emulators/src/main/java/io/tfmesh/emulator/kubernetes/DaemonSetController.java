package io.tfmesh.emulator.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does what Kubernetes' DaemonSet controller does when one of a DaemonSet's pods is deleted:
 * starts a new one, under a new name, on the same node. It works off the request that deleted
 * the pod, as the real controller does, so the deleting client gets its answer first.
 */
final class DaemonSetController implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DaemonSetController.class);

	private final ObjectStore store;

	private final DaemonSetPods pods;

	private final List<PodReplacedListener> listeners = new CopyOnWriteArrayList<>();

	private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "emulated-daemonset-controller");
		thread.setDaemon(true);
		return thread;
	});

	DaemonSetController(ObjectStore store, DaemonSetPods pods) {
		this.store = store;
		this.pods = pods;
	}

	void onPodReplaced(PodReplacedListener listener) {
		listeners.add(listener);
	}

	void podsDeleted(List<Pod> deleted) {
		for (Pod pod : deleted) {
			List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
			if (owners == null || executor.isShutdown()) {
				continue;
			}
			owners.stream()
				.filter(owner -> "DaemonSet".equals(owner.getKind()))
				.findFirst()
				.ifPresent(owner -> executor.execute(() -> replace(pod, owner)));
		}
	}

	/**
	 * Starts the pods a DaemonSet is missing on its nodes, as the real controller does after its
	 * own restart: the emulator may have stopped between a pod's deletion and its replacement.
	 */
	void reconcile(String namespace) {
		List<Node> nodes = store.list(ApiPaths.nodes(), NodeList.class).getItems();
		List<Pod> running = store.list(ApiPaths.pods(namespace), PodList.class).getItems();
		for (DaemonSet daemonSet : store.list(ApiPaths.daemonSets(namespace), DaemonSetList.class).getItems()) {
			Map<String, String> selector = daemonSet.getSpec().getTemplate().getSpec().getNodeSelector();
			for (Node node : nodes) {
				Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
				boolean selected = selector == null || selector.entrySet()
					.stream()
					.allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
				boolean present = running.stream()
					.anyMatch(pod -> node.getMetadata().getName().equals(pod.getSpec().getNodeName())
							&& pod.getMetadata().getOwnerReferences() != null && pod.getMetadata()
								.getOwnerReferences()
								.stream()
								.anyMatch(owner -> daemonSet.getMetadata().getUid().equals(owner.getUid())));
				if (selected && !present) {
					Pod started = store.create(ApiPaths.pods(namespace), pods.running(daemonSet, node));
					log.info("Started missing pod {} of DaemonSet {} on {}", started.getMetadata().getName(),
							daemonSet.getMetadata().getName(), node.getMetadata().getName());
					notify(daemonSet.getMetadata().getName(), node.getMetadata().getName(), "",
							started.getMetadata().getName());
				}
			}
		}
	}

	private void notify(String daemonSet, String nodeName, String oldPod, String newPod) {
		for (PodReplacedListener listener : listeners) {
			try {
				listener.replaced(daemonSet, nodeName, oldPod, newPod);
			}
			catch (RuntimeException ex) {
				log.warn("A listener failed on the start of pod {}", newPod, ex);
			}
		}
	}

	private void replace(Pod old, OwnerReference owner) {
		String namespace = old.getMetadata().getNamespace();
		String nodeName = old.getSpec().getNodeName();
		try {
			DaemonSet daemonSet = store.get(ApiPaths.daemonSet(namespace, owner.getName()), DaemonSet.class);
			Node node = (nodeName != null) ? store.get(ApiPaths.node(nodeName), Node.class) : null;
			// a DaemonSet deleted (or re-created by a reset) in the meantime no longer owns the pod
			if (daemonSet == null || node == null || !daemonSet.getMetadata().getUid().equals(owner.getUid())) {
				return;
			}
			Pod replacement = store.create(ApiPaths.pods(namespace), pods.running(daemonSet, node));
			notify(owner.getName(), nodeName, old.getMetadata().getName(), replacement.getMetadata().getName());
		}
		catch (RuntimeException ex) {
			log.warn("Could not replace pod {}/{} of DaemonSet {}", namespace, old.getMetadata().getName(),
					owner.getName(), ex);
		}
	}

	@Override
	public void close() {
		executor.shutdown();
		try {
			if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
				executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

}
