package io.tfmesh.emulator.kubernetes;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;

/** The running pods a DaemonSet controller and the kubelets would make of a DaemonSet. */
final class DaemonSetPods {

	/** Kubernetes' alphabet for generated name suffixes: no vowels, no look-alike digits. */
	private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

	private final Clock clock;

	private final RandomGenerator random;

	DaemonSetPods(Clock clock, RandomGenerator random) {
		this.clock = clock;
		this.random = random;
	}

	String name(String daemonSet) {
		StringBuilder name = new StringBuilder(daemonSet).append('-');
		for (int i = 0; i < 5; i++) {
			name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return name.toString();
	}

	Pod running(DaemonSet daemonSet, Node node) {
		PodTemplateSpec template = daemonSet.getSpec().getTemplate();
		String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
		String address = node.getStatus()
			.getAddresses()
			.stream()
			.filter(candidate -> "InternalIP".equals(candidate.getType()))
			.map(NodeAddress::getAddress)
			.findFirst()
			.orElse(null);
		List<ContainerStatus> containers = template.getSpec()
			.getContainers()
			.stream()
			.map(container -> new ContainerStatusBuilder().withName(container.getName())
				.withImage(container.getImage())
				.withReady(true)
				.withStarted(true)
				.withRestartCount(0)
				.withNewState()
				.withNewRunning(now)
				.endState()
				.build())
			.toList();
		boolean hostNetwork = Boolean.TRUE.equals(template.getSpec().getHostNetwork());
		return new PodBuilder().withNewMetadata()
			.withNamespace(daemonSet.getMetadata().getNamespace())
			.withName(name(daemonSet.getMetadata().getName()))
			.withLabels(template.getMetadata().getLabels())
			.withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1")
				.withKind("DaemonSet")
				.withName(daemonSet.getMetadata().getName())
				.withUid(daemonSet.getMetadata().getUid())
				.withController(true)
				.withBlockOwnerDeletion(true)
				.build())
			.endMetadata()
			.withSpec(new PodSpecBuilder(template.getSpec()).withNodeName(node.getMetadata().getName()).build())
			.withNewStatus()
			.withPhase("Running")
			.withHostIP(address)
			.withPodIP(hostNetwork ? address : null)
			.withStartTime(now)
			.withConditions(condition("Initialized", now), condition("Ready", now), condition("ContainersReady", now),
					condition("PodScheduled", now))
			.withContainerStatuses(containers)
			.endStatus()
			.build();
	}

	/**
	 * The pod as the kubelet reports it once one of its containers keeps failing: that container
	 * waits in {@code CrashLoopBackOff} after a failed run, is not ready, and counts one more
	 * restart; the pod stays {@code Running} but not ready. With {@code crashLooping} false the
	 * container runs and is ready again.
	 * @throws IllegalArgumentException when the pod has no such container
	 */
	Pod withContainer(Pod pod, String container, boolean crashLooping) {
		String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
		List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
		if (statuses.stream().noneMatch(status -> container.equals(status.getName()))) {
			throw new IllegalArgumentException(
					"pod " + pod.getMetadata().getName() + " has no container " + container);
		}
		List<ContainerStatus> changed = statuses.stream()
			.map(status -> container.equals(status.getName()) ? changed(pod, status, crashLooping, now) : status)
			.toList();
		boolean ready = changed.stream().allMatch(status -> Boolean.TRUE.equals(status.getReady()));
		List<PodCondition> conditions = pod.getStatus()
			.getConditions()
			.stream()
			.map(condition -> ("Ready".equals(condition.getType()) || "ContainersReady".equals(condition.getType()))
					? readiness(condition.getType(), ready, changed, now) : condition)
			.toList();
		return new PodBuilder(pod).editStatus()
			.withContainerStatuses(changed)
			.withConditions(conditions)
			.endStatus()
			.build();
	}

	private static ContainerStatus changed(Pod pod, ContainerStatus status, boolean crashLooping, String now) {
		if (!crashLooping) {
			return new ContainerStatusBuilder(status).withReady(true)
				.withStarted(true)
				.withNewState()
				.withNewRunning(now)
				.endState()
				.build();
		}
		// the kubelet's message (kuberuntime_manager.go): the pod is named <name>_<namespace>(<uid>)
		String message = "back-off 5m0s restarting failed container=" + status.getName() + " pod="
				+ pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
				+ pod.getMetadata().getUid() + ")";
		return new ContainerStatusBuilder(status).withReady(false)
			.withStarted(false)
			.withRestartCount(status.getRestartCount() + 1)
			.withNewState()
			.withNewWaiting(message, "CrashLoopBackOff")
			.endState()
			.withNewLastState()
			.withNewTerminated()
			.withExitCode(1)
			.withReason("Error")
			.withStartedAt(now)
			.withFinishedAt(now)
			.endTerminated()
			.endLastState()
			.build();
	}

	private static PodCondition readiness(String type, boolean ready, List<ContainerStatus> statuses, String now) {
		if (ready) {
			return condition(type, now);
		}
		String notReady = statuses.stream()
			.filter(status -> !Boolean.TRUE.equals(status.getReady()))
			.map(ContainerStatus::getName)
			.collect(Collectors.joining(" "));
		return new PodConditionBuilder().withType(type)
			.withStatus("False")
			.withReason("ContainersNotReady")
			.withMessage("containers with unready status: [" + notReady + "]")
			.withLastTransitionTime(now)
			.build();
	}

	private static PodCondition condition(String type, String now) {
		return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now).build();
	}

}
