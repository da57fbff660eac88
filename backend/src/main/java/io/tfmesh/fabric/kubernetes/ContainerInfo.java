package io.tfmesh.fabric.kubernetes;

import org.jspecify.annotations.Nullable;

/**
 * One container of a pod, as the pod's spec and status give it (init containers left out: they
 * have finished when a pod runs).
 *
 * @param nodeType the literal value of the container's {@code NODE_TYPE} environment variable,
 * when its spec sets one; TF's images carry their own, which the API does not show
 * @param state what the container's status says it is doing now
 * @param reason why it waits or terminated ({@code CrashLoopBackOff}, {@code Error}, ...)
 */
public record ContainerInfo(String name, @Nullable String image, @Nullable String nodeType, State state,
		@Nullable String reason, boolean ready, int restartCount) {

	/** The status of a container: Kubernetes' three states, and unknown when it reports none. */
	public enum State {

		RUNNING, WAITING, TERMINATED, UNKNOWN

	}

}
