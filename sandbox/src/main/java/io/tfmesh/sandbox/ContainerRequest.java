package io.tfmesh.sandbox;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Makes one container of an emulated node's TF pods crash-loop, or run again.
 *
 * @param container the container's name in its pod, such as {@code config-zookeeper}
 * @param crashLooping true: the container waits in {@code CrashLoopBackOff} while its pod keeps
 * running; false: it runs again
 */
public record ContainerRequest(@NotBlank String node, @NotBlank String container, @NotNull Boolean crashLooping) {
}
