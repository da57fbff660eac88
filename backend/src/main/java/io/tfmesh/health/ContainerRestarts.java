package io.tfmesh.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The restart count of one TF container at the last two health polls.
 *
 * @param waitingReason why the container waits now ({@code CrashLoopBackOff}, ...), null when it
 * does not
 * @param previousCount the count at the poll before, null when the container was first seen now
 * @param previousAt when that count was read
 */
public record ContainerRestarts(String namespace, String pod, String container, String node, int restartCount,
		@Nullable String waitingReason, Instant readAt, @Nullable Integer previousCount, @Nullable Instant previousAt) {

	/** Whether the count grew between the two polls. */
	public boolean grew() {
		return previousCount != null && restartCount > previousCount;
	}

}
